import type { Collection, Db } from 'mongodb';
import type { CaseVisibility, ScheduledJob } from '#domain';
import type { CaseRecord, StoredCase } from '../case-record';
import { mustEmpty, READ_MODEL_SCHEMA_VERSION } from '../read-model-schema-version';
import type {
  Checkpoint,
  DueWork,
  FactFilter,
  FactTotals,
  OpenCaseCounts,
  QueuePage,
  QueueQuery,
  ReadModelStore,
} from '../read-model.port';
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
export class MongoReadModelStore implements ReadModelStore {
  private readonly cases: Collection<CaseDocument>;
  private readonly meta: Collection<MetaDocument>;
  private readonly writer: MongoReadModelWriter;
  private readonly queue: MongoCaseQueue;
  private readonly statistics: MongoMonthlyStatistics;
  private readonly categoryThemes: MongoThemes;
  private readonly scheduledWork: MongoScheduledWorkIndex;

  constructor(
    private readonly db: Db,
    readonly generation: number,
  ) {
    this.cases = db.collection<CaseDocument>(`rm${generation}_cases`);
    this.meta = db.collection<MetaDocument>(`rm${generation}_meta`);
    this.writer = new MongoReadModelWriter(this.cases, this.meta);
    this.queue = new MongoCaseQueue(this.cases);
    this.statistics = new MongoMonthlyStatistics(this.cases);
    this.categoryThemes = new MongoThemes(this.cases);
    this.scheduledWork = new MongoScheduledWorkIndex(this.cases);
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

  load(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    return this.writer.load(caseIds);
  }

  save(records: readonly CaseRecord[], checkpoint: Checkpoint): Promise<void> {
    return this.writer.save(records, checkpoint);
  }

  checkpoint(): Promise<Checkpoint | null> {
    return this.writer.checkpoint();
  }

  page(query: QueueQuery): Promise<QueuePage> {
    return this.queue.page(query);
  }

  openCounts(visibility: CaseVisibility, now: string, dueSoonBy: string): Promise<OpenCaseCounts> {
    return this.queue.openCounts(visibility, now, dueSoonBy);
  }

  facts(months: readonly string[], filter?: FactFilter): Promise<FactTotals> {
    return this.statistics.facts(months, filter);
  }

  themes(months: readonly string[]) {
    return this.categoryThemes.themes(months);
  }

  dueWork(
    job: ScheduledJob,
    now: string,
    page: { limit: number; after?: DueWork },
  ): Promise<DueWork[]> {
    return this.scheduledWork.dueWork(job, now, page);
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
