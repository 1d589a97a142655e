import {
  mayTake,
  stillHeld,
  type Clock,
  type JobLeases,
  type Lease,
  type LeaseRecord,
} from '../job-lease.port';

/**
 * Leases held in this process: the embedded profile's (one server, one process), where
 * they keep a scheduled run and an on-demand run of the same job from overlapping.
 */
export class InProcessJobLeases implements JobLeases {
  private readonly records = new Map<string, LeaseRecord>();

  constructor(private readonly clock: Clock) {}

  async acquire(job: string, holder: string, ttlMs: number): Promise<Lease | null> {
    const now = this.clock();
    const current = this.records.get(job) ?? null;
    if (!mayTake(current, holder, now)) return null;
    const record = {
      holder,
      token: (current?.token ?? 0) + 1,
      expiresAt: new Date(now.getTime() + ttlMs),
    };
    this.records.set(job, record);
    return { job, ...record };
  }

  async renew(lease: Lease, ttlMs: number): Promise<Lease | null> {
    const current = this.records.get(lease.job) ?? null;
    if (!stillHeld(current, lease)) return null;
    const expiresAt = new Date(this.clock().getTime() + ttlMs);
    this.records.set(lease.job, { ...current!, expiresAt });
    return { ...lease, expiresAt };
  }

  async release(lease: Lease): Promise<void> {
    const current = this.records.get(lease.job) ?? null;
    if (stillHeld(current, lease))
      this.records.set(lease.job, { ...current!, expiresAt: this.clock() });
  }

  async close(): Promise<void> {}
}
