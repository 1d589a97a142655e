import type { Collection, Db } from 'mongodb';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import type { CaseVisibility, ScheduledJob } from '#domain';
import { totalFacts, type Fact } from '../case-facts';
import type { CaseRecord, StoredCase } from '../case-record';
import { caseSearchText } from '../case-search-text';
import type { CaseSummary } from '../case-summary';
import { NO_DEADLINE_ASC, NO_DEADLINE_DESC } from '../queue-cursor';
import {
  ReadModelsNotReadyError,
  type Checkpoint,
  type DueWork,
  type FactFilter,
  type FactTotals,
  type OpenCaseCounts,
  type QueuePage,
  type QueueQuery,
  type ReadModelStore,
} from '../read-model.port';
import {
  CASE_INDEXES,
  dueWorkQuery,
  queueQuery,
  visibilityFilter,
  type CaseDocument,
} from './mongo-queue-query';

type MetaDocument =
  | { _id: 'checkpoint'; commit: string; prepare: string; events: number }
  | { _id: 'schema'; version: number };

/**
 * Bumped whenever the documents change shape. A generation of another version is emptied
 * and refilled from the events (read models are derived data; the checkpoint goes with them).
 */
const SCHEMA_VERSION = 4;

const DUPLICATE_KEY = 11000;

/** Only duplicate-key failures: an upsert guarded by revision met a newer document — a replay. */
export function onlyReplays(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const failures = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    return failures.every((failure) => failure.code === DUPLICATE_KEY);
  }
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

export function toDocument({
  caseId,
  revision,
  state,
  eventFacts,
  summary,
  facts,
  schedule,
}: CaseRecord): CaseDocument {
  const due = summary.nextDeadline?.dueBy ?? null;
  return {
    _id: caseId,
    revision,
    state,
    eventFacts,
    summary,
    kind: summary.kind,
    formality: summary.formality,
    stage: summary.stage,
    status: summary.status,
    isOpen: summary.status !== 'closed',
    ownerId: summary.owner?.id ?? null,
    recipientId: summary.recipient.id,
    search: caseSearchText(state),
    receivedAt: summary.receivedAt,
    nextDueBy: due,
    dueAsc: due ?? NO_DEADLINE_ASC,
    dueDesc: due ?? NO_DEADLINE_DESC,
    categories: summary.categories,
    facts,
    sweepDue: schedule['sla-sweep'],
    autoCloseDue: schedule['auto-close'],
    sameDayDue: schedule['same-day-escalation'],
  };
}

/** The checkpoint as stored: positions as decimal strings (BSON has no unsigned 64-bit integer). */
export const checkpointDocument = ({ position, events }: Checkpoint) => ({
  commit: position.commit.toString(),
  prepare: position.prepare.toString(),
  events,
});

export const fromCheckpointDocument = (document: {
  commit: string;
  prepare: string;
  events: number;
}): Checkpoint => ({
  position: { commit: BigInt(document.commit), prepare: BigInt(document.prepare) },
  events: document.events,
});

/**
 * One generation of the read models in MongoDB: one document per case holding its state,
 * queue row and report facts, so each case changes in a single atomic write. Writes are
 * guarded by revision (an older or equal revision never replaces a newer one), which
 * makes replays harmless without multi-document transactions; the checkpoint is written
 * after the batch, so a crash between the two replays the batch.
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly cases: Collection<CaseDocument>;
  private readonly meta: Collection<MetaDocument>;

  constructor(
    private readonly db: Db,
    readonly generation: number,
  ) {
    this.cases = db.collection<CaseDocument>(`rm${generation}_cases`);
    this.meta = db.collection<MetaDocument>(`rm${generation}_meta`);
  }

  /**
   * Empties a generation written in another shape (unless `migrate` is false: a process
   * that only reads leaves that to the one that writes), then makes sure of the indexes.
   */
  async prepare({ migrate = true }: { migrate?: boolean } = {}): Promise<void> {
    const schema = await this.meta.findOne({ _id: 'schema' });
    const version = schema && 'version' in schema ? schema.version : null;
    if (!migrate && version !== SCHEMA_VERSION)
      throw new ReadModelsNotReadyError(
        `read models at version ${version ?? 'none'}, expected ${SCHEMA_VERSION}`,
      );
    if (version !== SCHEMA_VERSION) {
      await this.cases.drop().catch(() => false);
      await this.meta.deleteMany({});
      await this.meta.updateOne(
        { _id: 'schema' },
        { $set: { version: SCHEMA_VERSION } },
        { upsert: true },
      );
    }
    await this.cases.createIndexes(CASE_INDEXES);
  }

  async load(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    const found = new Map<string, StoredCase>();
    const documents = this.cases.find(
      { _id: { $in: [...caseIds] } },
      { projection: { revision: 1, state: 1, eventFacts: 1 } },
    );
    for await (const document of documents)
      found.set(document._id, {
        caseId: document._id,
        revision: document.revision,
        state: document.state as StoredCase['state'],
        eventFacts: document.eventFacts as Fact[],
      });
    return found;
  }

  async save(records: readonly CaseRecord[], checkpoint: Checkpoint): Promise<void> {
    if (records.length > 0) {
      try {
        await this.cases.bulkWrite(
          records.map((record) => {
            const { _id, ...fields } = toDocument(record);
            return {
              updateOne: {
                filter: { _id, revision: { $lt: record.revision } },
                update: { $set: fields },
                upsert: true,
              },
            };
          }),
          { ordered: false },
        );
      } catch (error) {
        if (!onlyReplays(error)) throw error;
      }
    }
    await this.meta.updateOne(
      { _id: 'checkpoint' },
      { $set: checkpointDocument(checkpoint) },
      { upsert: true },
    );
  }

  async checkpoint(): Promise<Checkpoint | null> {
    const document = await this.meta.findOne({ _id: 'checkpoint' });
    return document && 'commit' in document ? fromCheckpointDocument(document) : null;
  }

  async page(query: QueueQuery): Promise<QueuePage> {
    const { filter, sort, field } = queueQuery(query);
    const documents = await this.cases
      .find(filter, { projection: { summary: 1, [field]: 1 } })
      .sort(sort)
      .limit(query.limit + 1)
      .toArray();
    const items = documents.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((d) => d.summary as CaseSummary),
      next: documents.length > query.limit ? { after: String(last[field]), id: last._id } : null,
    };
  }

  async openCounts(
    visibility: CaseVisibility,
    now: string,
    dueSoonBy: string,
  ): Promise<OpenCaseCounts> {
    const count = (key: string) => [{ $group: { _id: key, count: { $sum: 1 } } }];
    const [result] = await this.cases
      .aggregate<{
        byKind: Array<{ _id: string; count: number }>;
        byStage: Array<{ _id: number | null; count: number }>;
        byStatus: Array<{ _id: string; count: number }>;
        totals: Array<{ total: number; overdue: number; dueSoon: number; unassigned: number }>;
      }>([
        { $match: { $and: [{ isOpen: true }, visibilityFilter(visibility)] } },
        {
          $facet: {
            byKind: count('$kind'),
            byStage: count('$stage'),
            byStatus: count('$status'),
            totals: [
              {
                $group: {
                  _id: null,
                  total: { $sum: 1 },
                  overdue: {
                    $sum: {
                      $cond: [
                        { $and: [{ $ne: ['$nextDueBy', null] }, { $lt: ['$nextDueBy', now] }] },
                        1,
                        0,
                      ],
                    },
                  },
                  dueSoon: {
                    $sum: {
                      $cond: [
                        {
                          $and: [
                            { $ne: ['$nextDueBy', null] },
                            { $gte: ['$nextDueBy', now] },
                            { $lte: ['$nextDueBy', dueSoonBy] },
                          ],
                        },
                        1,
                        0,
                      ],
                    },
                  },
                  unassigned: { $sum: { $cond: [{ $eq: ['$ownerId', null] }, 1, 0] } },
                },
              },
            ],
          },
        },
      ])
      .toArray();
    const keyed = (rows: Array<{ _id: string | number | null; count: number }>) =>
      Object.fromEntries(rows.map((row) => [String(row._id ?? 'none'), row.count]));
    const totals = result.totals[0] ?? { total: 0, overdue: 0, dueSoon: 0, unassigned: 0 };
    return {
      byKind: keyed(result.byKind),
      byStage: keyed(result.byStage),
      byStatus: keyed(result.byStatus),
      overdue: totals.overdue,
      dueSoon: totals.dueSoon,
      unassigned: totals.unassigned,
      total: totals.total,
    };
  }

  async facts(months: readonly string[], filter: FactFilter = {}): Promise<FactTotals> {
    const match: Record<string, unknown> = { 'facts.month': { $in: [...months] } };
    if (filter.kind) match.kind = filter.kind;
    if (filter.formality) match.formality = filter.formality;
    const rows = this.cases.aggregate<{ metric: string; value: number }>([
      { $match: match },
      { $unwind: '$facts' },
      { $match: { 'facts.month': { $in: [...months] } } },
      { $project: { _id: 0, metric: '$facts.metric', value: '$facts.value' } },
    ]);
    const collected: Array<{ metric: string; value: number }> = [];
    for await (const row of rows) collected.push(row);
    return totalFacts(collected);
  }

  async themes(months: readonly string[]) {
    const rows = await this.cases
      .aggregate<{ _id: { month: string; metric: string }; count: number }>([
        { $match: { 'facts.month': { $in: [...months] } } },
        { $unwind: '$facts' },
        {
          $match: {
            'facts.month': { $in: [...months] },
            'facts.metric': { $regex: '^received\\.category\\.' },
          },
        },
        {
          $group: {
            _id: { month: '$facts.month', metric: '$facts.metric' },
            count: { $sum: '$facts.value' },
          },
        },
      ])
      .toArray();
    return rows
      .map((row) => ({
        month: row._id.month,
        category: row._id.metric.slice('received.category.'.length),
        count: row.count,
      }))
      .sort(
        (a, b) =>
          a.month.localeCompare(b.month) ||
          b.count - a.count ||
          a.category.localeCompare(b.category),
      );
  }

  async dueWork(
    job: ScheduledJob,
    now: string,
    { limit, after }: { limit: number; after?: DueWork },
  ): Promise<DueWork[]> {
    const { filter, sort, field } = dueWorkQuery(job, now, after);
    const documents = await this.cases
      .find(filter, { projection: { [field]: 1 } })
      .sort(sort)
      .limit(limit)
      .toArray();
    return documents.map((d) => ({ caseId: d._id, dueAt: d[field]! }));
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
