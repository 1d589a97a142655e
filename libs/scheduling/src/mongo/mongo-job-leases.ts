import {
  MongoServerError,
  type Collection,
  type Db,
  type Filter,
  type UpdateFilter,
} from 'mongodb';
import type { Clock, JobLeases, Lease } from '../job-lease.port';

/** One document per job in `job_leases`. It is never deleted, so tokens keep growing. */
export interface LeaseDocument {
  _id: string;
  holder: string;
  token: number;
  expiresAt: Date;
}

const DUPLICATE_KEY = 11000;

/**
 * `mayTake` as a filter: the job's document when its term has ended or it is the holder's.
 * When another holder's lease runs, nothing matches and the upsert's insert of the same
 * `_id` fails with a duplicate key: not acquired.
 */
export const acquireFilter = (job: string, holder: string, now: Date): Filter<LeaseDocument> => ({
  _id: job,
  $or: [{ expiresAt: { $lte: now } }, { holder }],
});

export const acquireUpdate = (
  holder: string,
  now: Date,
  ttlMs: number,
): UpdateFilter<LeaseDocument> => ({
  $set: { holder, expiresAt: new Date(now.getTime() + ttlMs) },
  $inc: { token: 1 },
});

/** `stillHeld` as a filter: the document still carries this holder and token. */
export const heldFilter = (lease: Lease): Filter<LeaseDocument> => ({
  _id: lease.job,
  holder: lease.holder,
  token: lease.token,
});

export const isDuplicateKey = (error: unknown): boolean =>
  error instanceof MongoServerError && error.code === DUPLICATE_KEY;

/**
 * Leases in MongoDB, for the distributed profile's replicas. Each operation is one atomic
 * single-document write, so no transaction (and no replica-set feature) is needed. Terms
 * are judged by the replicas' clocks: keep them synchronised (NTP) to well within a term.
 */
export class MongoJobLeases implements JobLeases {
  private readonly leases: Collection<LeaseDocument>;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.leases = db.collection<LeaseDocument>('job_leases');
  }

  async acquire(job: string, holder: string, ttlMs: number): Promise<Lease | null> {
    const now = this.clock();
    try {
      const document = await this.leases.findOneAndUpdate(
        acquireFilter(job, holder, now),
        acquireUpdate(holder, now, ttlMs),
        { upsert: true, returnDocument: 'after' },
      );
      return document && { job, holder, token: document.token, expiresAt: document.expiresAt };
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  async renew(lease: Lease, ttlMs: number): Promise<Lease | null> {
    const expiresAt = new Date(this.clock().getTime() + ttlMs);
    const { matchedCount } = await this.leases.updateOne(heldFilter(lease), {
      $set: { expiresAt },
    });
    return matchedCount === 1 ? { ...lease, expiresAt } : null;
  }

  async release(lease: Lease): Promise<void> {
    await this.leases.updateOne(heldFilter(lease), { $set: { expiresAt: this.clock() } });
  }

  async close(): Promise<void> {}
}
