import type { Collection } from 'mongodb';
import { MongoBulkWriteError, MongoServerError, MongoWriteConcernError } from 'mongodb';
import type { Fact } from '../case-facts';
import type { CaseRecord, StoredCase } from '../case-record';
import { queueRow } from '../queue-row';
import {
  checkpointFrom,
  storedCheckpoint,
  type Checkpoint,
  type ReadModelWriter,
} from '../read-model.port';
import type { CaseDocument } from './mongo-queue-query';

export type MetaDocument =
  | { _id: 'checkpoint'; commit: string; prepare: string; events: number }
  | { _id: 'schema'; version: number };

/** MongoDB's error code for a unique index (here `_id`) refusing a write. */
export const DUPLICATE_KEY = 11000;

/**
 * Only duplicate-key failures: an upsert guarded by revision met a newer document — a replay.
 * The driver wraps network errors, step-downs and write-concern errors in the same bulk
 * error with no write errors at all; those (and a write-concern error beside duplicate keys)
 * mean the batch may not be stored, so they are not replays.
 */
export function onlyReplays(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const failures = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    return (
      failures.length > 0 &&
      failures.every((failure) => failure.code === DUPLICATE_KEY) &&
      !error.result?.getWriteConcernError()
    );
  }
  return (
    error instanceof MongoServerError &&
    !(error instanceof MongoWriteConcernError) &&
    error.code === DUPLICATE_KEY
  );
}

export function toDocument(record: CaseRecord): CaseDocument {
  const { caseId, ...row } = queueRow(record);
  const { state, eventFacts, summary, facts } = record;
  return { _id: caseId, ...row, state, eventFacts, summary, facts };
}

/**
 * Writes a generation's case documents, one per case, so each case changes in a single
 * atomic write. Writes are guarded by revision (an older or equal revision never replaces
 * a newer one), which makes replays harmless without multi-document transactions; the
 * checkpoint is written after the batch, so a crash between the two replays the batch.
 * A generation being rebuilt is written the same way.
 */
export class MongoReadModelWriter implements ReadModelWriter {
  constructor(
    private readonly cases: Collection<CaseDocument>,
    private readonly meta: Collection<MetaDocument>,
  ) {}

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
      { $set: storedCheckpoint(checkpoint) },
      { upsert: true },
    );
  }

  async checkpoint(): Promise<Checkpoint | null> {
    const document = await this.meta.findOne({ _id: 'checkpoint' });
    return document && 'commit' in document ? checkpointFrom(document) : null;
  }
}
