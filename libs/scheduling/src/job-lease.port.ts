/**
 * The right to run one scheduled job for a while. Tokens only grow: a holder whose lease
 * expired and was taken finds its token superseded, and must stop (a fencing token).
 */
export interface Lease {
  job: string;
  holder: string;
  token: number;
  expiresAt: Date;
}

/**
 * Leases on scheduled jobs, so that of several replicas only one runs a job at a time
 * (docs/architecture.md, "The scheduled jobs"). Expiry, not a release, is what frees the lease of a holder that crashed.
 */
export interface JobLeases {
  /** A lease until now + `ttlMs` with a new, higher token; null while another holder's lease runs. */
  acquire(job: string, holder: string, ttlMs: number): Promise<Lease | null>;
  /** The lease extended to now + `ttlMs`; null if it was lost (taken by another since): stop work. */
  renew(lease: Lease, ttlMs: number): Promise<Lease | null>;
  /** Frees the lease at once for the next holder; nothing if it was lost meanwhile. */
  release(lease: Lease): Promise<void>;
  close(): Promise<void>;
}

/** What a store keeps per job. */
export interface LeaseRecord {
  holder: string;
  token: number;
  expiresAt: Date;
}

/** A holder may take a job's lease when nobody holds it, its term has ended, or it is theirs. */
export const mayTake = (current: LeaseRecord | null, holder: string, now: Date): boolean =>
  current === null || current.expiresAt.getTime() <= now.getTime() || current.holder === holder;

/** A lease still stands when the record still carries its holder and token. */
export const stillHeld = (current: LeaseRecord | null, lease: Lease): boolean =>
  current !== null && current.holder === lease.holder && current.token === lease.token;

export type Clock = () => Date;
