import type { Clock, JobLeases } from '../job-lease.port';

/** A clock the test moves by hand. */
export class ManualClock {
  private current: number;
  constructor(iso: string) {
    this.current = Date.parse(iso);
  }
  readonly now: Clock = () => new Date(this.current);
  advance(ms: number): void {
    this.current += ms;
  }
}

const MINUTE = 60_000;

/** What every lease store must do; run against the in-process store always, MongoDB when set up. */
export function jobLeasesContract(open: (clock: Clock) => Promise<JobLeases>): void {
  let clock: ManualClock;
  let leases: JobLeases;
  beforeEach(async () => {
    clock = new ManualClock('2026-11-23T10:00:00Z');
    leases = await open(clock.now);
  });
  afterEach(() => leases.close());

  it('grants a free job’s lease for its term', async () => {
    const lease = await leases.acquire('sla-sweep', 'replica-a', MINUTE);
    expect(lease).toEqual({
      job: 'sla-sweep',
      holder: 'replica-a',
      token: expect.any(Number),
      expiresAt: new Date('2026-11-23T10:01:00Z'),
    });
  });

  it('refuses another holder while the term runs, and grants it once the term has ended', async () => {
    const first = (await leases.acquire('sla-sweep', 'replica-a', MINUTE))!;
    clock.advance(MINUTE - 1);
    expect(await leases.acquire('sla-sweep', 'replica-b', MINUTE)).toBeNull();
    clock.advance(1); // a crashed holder never releases: its term simply ends
    const second = await leases.acquire('sla-sweep', 'replica-b', MINUTE);
    expect(second).toMatchObject({ holder: 'replica-b' });
    expect(second!.token).toBeGreaterThan(first.token);
  });

  it('fences the old holder: once its lease was taken, it cannot renew or release it', async () => {
    const old = (await leases.acquire('auto-close', 'replica-a', MINUTE))!;
    clock.advance(2 * MINUTE);
    const current = (await leases.acquire('auto-close', 'replica-b', MINUTE))!;
    expect(await leases.renew(old, MINUTE)).toBeNull();
    await leases.release(old);
    expect(await leases.acquire('auto-close', 'replica-c', MINUTE)).toBeNull();
    expect(await leases.renew(current, MINUTE)).toMatchObject({ token: current.token });
  });

  it('extends a held lease’s term on renewal', async () => {
    const lease = (await leases.acquire('sla-sweep', 'replica-a', MINUTE))!;
    clock.advance(MINUTE / 2);
    expect(await leases.renew(lease, MINUTE)).toMatchObject({
      expiresAt: new Date('2026-11-23T10:01:30Z'),
    });
    clock.advance(MINUTE - 1);
    expect(await leases.acquire('sla-sweep', 'replica-b', MINUTE)).toBeNull();
  });

  it('frees the job at once on release', async () => {
    const lease = (await leases.acquire('sla-sweep', 'replica-a', MINUTE))!;
    await leases.release(lease);
    expect(await leases.acquire('sla-sweep', 'replica-b', MINUTE)).toMatchObject({
      holder: 'replica-b',
      token: lease.token + 1,
    });
  });

  it('leases each job separately', async () => {
    expect(await leases.acquire('sla-sweep', 'replica-a', MINUTE)).not.toBeNull();
    expect(await leases.acquire('auto-close', 'replica-b', MINUTE)).not.toBeNull();
  });

  it('grants exactly one of many holders asking at once', async () => {
    const asked = await Promise.all(
      Array.from({ length: 8 }, (_, n) => leases.acquire('same-day-escalation', `r-${n}`, MINUTE)),
    );
    expect(asked.filter((lease) => lease !== null)).toHaveLength(1);
  });
}
