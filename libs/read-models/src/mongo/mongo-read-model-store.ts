import type { Collection, Db } from 'mongodb';
import { mustEmpty, READ_MODEL_SCHEMA_VERSION } from '../read-model-schema-version';
import { ReadModelGeneration } from '../read-model-generation';
import { MongoCaseQueue } from './mongo-case-queue';
import { MongoMonthlyStatistics } from './mongo-monthly-statistics';
import { CASE_INDEXES, type CaseDocument } from './mongo-queue-query';
import { MongoReadModelWriter, type MetaDocument } from './mongo-read-model-writer';
import { MongoScheduledWorkIndex } from './mongo-scheduled-work-index';
import { MongoThemes } from './mongo-themes';

/**
 * One generation of the read models in MongoDB, as collections `rm<n>_cases` (one document
 * per case: its state, queue row and report facts) and `rm<n>_meta` (checkpoint, schema
 * version): the writer the projection daemon saves through, and the read models queries
 * read — the case queue, monthly statistics, themes and the jobs' scheduled-work index.
 */
export class MongoReadModelStore extends ReadModelGeneration {
  private readonly cases: Collection<CaseDocument>;
  private readonly meta: Collection<MetaDocument>;

  constructor(
    private readonly db: Db,
    generation: number,
  ) {
    const cases = db.collection<CaseDocument>(`rm${generation}_cases`);
    const meta = db.collection<MetaDocument>(`rm${generation}_meta`);
    super(generation, {
      writer: new MongoReadModelWriter(cases, meta),
      queue: new MongoCaseQueue(cases),
      statistics: new MongoMonthlyStatistics(cases),
      themes: new MongoThemes(cases),
      scheduledWork: new MongoScheduledWorkIndex(cases),
    });
    this.cases = cases;
    this.meta = meta;
  }

  /**
   * Empties a generation written in another shape (unless `migrate` is false: a process
   * that only reads leaves that to the one that writes), then makes sure of the indexes.
   */
  async prepare({ migrate = true }: { migrate?: boolean } = {}): Promise<void> {
    const schema = await this.meta.findOne({ _id: 'schema' });
    const version = schema && 'version' in schema ? schema.version : null;
    if (mustEmpty(version, migrate)) {
      await this.cases.drop().catch(() => false);
      await this.meta.deleteMany({});
      await this.meta.updateOne(
        { _id: 'schema' },
        { $set: { version: READ_MODEL_SCHEMA_VERSION } },
        { upsert: true },
      );
    }
    await this.cases.createIndexes(CASE_INDEXES);
  }

  /** Indexes are made when the generation is created: nothing more to do. */
  async readyToServe(): Promise<void> {}

  async close(): Promise<void> {}

  async drop(): Promise<void> {
    await this.cases.drop().catch(() => false);
    await this.meta.drop().catch(() => false);
  }

  get database(): Db {
    return this.db;
  }
}
