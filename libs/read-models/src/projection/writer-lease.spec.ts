import { InProcessJobLeases } from '#scheduling';
import { ManualClock } from '../../../scheduling/src/testing/job-leases.contract';
import { manualTimers } from '../testing/manual-timers';
import { WriterLease, WriterLeaseLostError } from './writer-lease';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WriterLease', () => {
  const TERM = 30_000;

  it('lets one process write at a time, and the next once the first lets go', async () => {
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    const leases = new InProcessJobLeases(clock.now);
    const elapsed = () => clock.now().getTime();
    const { tick, timers } = manualTimers();
    const first = new WriterLease(leases, 'worker-a', { termMs: TERM, timers, elapsed });
    const second = new WriterLease(leases, 'worker-b', { termMs: TERM, timers, elapsed });
    expect(await first.take()).toBe(true);
    expect(await second.take()).toBe(false);
    expect(() => first.assertHeld()).not.toThrow();
    expect(() => second.assertHeld()).toThrow(WriterLeaseLostError);
    let taken = false;
    second.whenTaken(() => (taken = true));
    await first.release();
    tick();
    await settle();
    expect(taken).toBe(true);
    expect(() => second.assertHeld()).not.toThrow();
    await second.release();
  });

  it('fences a writer whose term ended unrenewed, and one whose lease another took', async () => {
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    const leases = new InProcessJobLeases(clock.now);
    const elapsed = () => clock.now().getTime();
    const { timers } = manualTimers();
    const stalled = new WriterLease(leases, 'worker-a', { termMs: TERM, timers, elapsed });
    await stalled.take();
    clock.advance(TERM);
    expect(() => stalled.assertHeld()).toThrow(WriterLeaseLostError);
    const other = new WriterLease(leases, 'worker-b', { termMs: TERM, timers, elapsed });
    expect(await other.take()).toBe(true);
    expect(() => stalled.assertHeld()).toThrow(WriterLeaseLostError);
    await Promise.all([stalled.release(), other.release()]);
  });

  it('times its term on a clock of its own, so a jump of the wall clock does not stop the writes', async () => {
    const wall = new ManualClock('2026-12-01T09:00:00Z');
    const leases = new InProcessJobLeases(wall.now);
    const { timers } = manualTimers();
    let monotonic = 0;
    const lease = new WriterLease(leases, 'worker-a', {
      termMs: TERM,
      timers,
      elapsed: () => monotonic,
    });
    await lease.take();
    wall.advance(24 * 60 * 60_000);
    expect(() => lease.assertHeld()).not.toThrow();
    monotonic += TERM;
    expect(() => lease.assertHeld()).toThrow(WriterLeaseLostError);
    await lease.release();
  });
});
