import { MongoServerError, type Collection, type Db, type Document, type Filter } from 'mongodb';
import type { Clock, JobLeases, Lease } from '../job-lease.port';

/** One document per job in `job_leases`. It is never deleted, so tokens keep growing. */
export interface LeaseDocument {
  _id: string;
  holder: string;
  token: number;
  expiresAt: Date;
}

const DUPLICATE_KEY = 11000;

/** The time a lease is judged by: the server's (`$$NOW`), or a given instant in tests. */
export type LeaseTime = '$$NOW' | Date;
export const SERVER_TIME: LeaseTime = '$$NOW';

const at = (now: LeaseTime) => (now === SERVER_TIME ? now : { $literal: now });

/**
 * `mayTake` as a filter: the job's document when its term has ended or it is the holder's.
 * When another holder's lease runs, nothing matches and the upsert's insert of the same
 * `_id` fails with a duplicate key: not acquired.
 */
export const acquireFilter = (
  job: string,
  holder: string,
  now: LeaseTime,
): Filter<LeaseDocument> => ({
  _id: job,
  $or: [{ $expr: { $lte: ['$expiresAt', at(now)] } }, { holder }],
});

/** An update pipeline, so the term is counted from the time the server applies it. */
export const acquireUpdate = (holder: string, now: LeaseTime, ttlMs: number): Document[] => [
  {
    $set: {
      holder: { $literal: holder },
      expiresAt: { $add: [at(now), ttlMs] },
      token: { $add: [{ $ifNull: ['$token', 0] }, 1] },
    },
  },
];

export const renewUpdate = (now: LeaseTime, ttlMs: number): Document[] => [
  { $set: { expiresAt: { $add: [at(now), ttlMs] } } },
];

export const releaseUpdate = (now: LeaseTime): Document[] => [{ $set: { expiresAt: at(now) } }];

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
 * are timed by the server's clock (`$$NOW`), so replicas whose clocks drift still agree on
 * when a term ends; a test gives a clock of its own instead.
 */
export class MongoJobLeases implements JobLeases {
  private readonly leases: Collection<LeaseDocument>;

  constructor(
    db: Db,
    private readonly clock?: Clock,
  ) {
    this.leases = db.collection<LeaseDocument>('job_leases');
  }

  private now(): LeaseTime {
    return this.clock ? this.clock() : SERVER_TIME;
  }

  async acquire(job: string, holder: string, ttlMs: number): Promise<Lease | null> {
    const now = this.now();
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
    const document = await this.leases.findOneAndUpdate(
      heldFilter(lease),
      renewUpdate(this.now(), ttlMs),
      { returnDocument: 'after' },
    );
    return document && { ...lease, expiresAt: document.expiresAt };
  }

  async release(lease: Lease): Promise<void> {
    await this.leases.updateOne(heldFilter(lease), releaseUpdate(this.now()));
  }

  async close(): Promise<void> {}
}
