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
    const { tick, timers } = manualTimers();
    const first = new WriterLease(leases, 'worker-a', clock.now, { termMs: TERM, timers });
    const second = new WriterLease(leases, 'worker-b', clock.now, { termMs: TERM, timers });
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
    const { timers } = manualTimers();
    const stalled = new WriterLease(leases, 'worker-a', clock.now, { termMs: TERM, timers });
    await stalled.take();
    clock.advance(TERM);
    expect(() => stalled.assertHeld()).toThrow(WriterLeaseLostError);
    const other = new WriterLease(leases, 'worker-b', clock.now, { termMs: TERM, timers });
    expect(await other.take()).toBe(true);
    expect(() => stalled.assertHeld()).toThrow(WriterLeaseLostError);
    await Promise.all([stalled.release(), other.release()]);
  });
});
