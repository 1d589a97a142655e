import { JOB_RUNS_KEPT, type JobRunLog, type JobRunRecord } from '../job-run-log.port';

const minute = (n: number) => new Date(Date.UTC(2026, 11, 7, 9, n)).toISOString();

export const aRun = (job: string, startMinute: number, extra: Partial<JobRunRecord> = {}) =>
  ({
    runId: `${job}-${startMinute}`,
    job,
    holder: 'host:1:abc',
    startedAt: minute(startMinute),
    finishedAt: minute(startMinute + 1),
    outcome: 'succeeded',
    examined: 3,
    actedOn: 2,
    failed: 0,
    counts: { ResponseDeadlineMissed: 2 },
    problem: null,
    ...extra,
  }) satisfies JobRunRecord;

/** What every job-run log must do: the same suite runs on SQLite and, given a server, MongoDB. */
export function jobRunLogContract(open: () => Promise<JobRunLog>): void {
  let log: JobRunLog;
  beforeEach(async () => (log = await open()));
  afterEach(() => log.close());

  it('gives a job’s runs back as recorded, newest first, and only that job’s', async () => {
    await log.record(aRun('sla-sweep', 1));
    await log.record(aRun('sla-sweep', 6, { outcome: 'failed', problem: 'boom', failed: 1 }));
    await log.record(aRun('auto-close', 3));
    expect(await log.latest('sla-sweep', 10)).toEqual([
      aRun('sla-sweep', 6, { outcome: 'failed', problem: 'boom', failed: 1 }),
      aRun('sla-sweep', 1),
    ]);
    expect(await log.latest('sla-sweep', 1)).toEqual([
      aRun('sla-sweep', 6, { outcome: 'failed', problem: 'boom', failed: 1 }),
    ]);
    expect(await log.latest('same-day-escalation', 10)).toEqual([]);
  });

  it('records a run once, however often the same run is recorded', async () => {
    await log.record(aRun('auto-close', 1));
    await log.record(aRun('auto-close', 1));
    expect(await log.latest('auto-close', 10)).toHaveLength(1);
  });

  it(`keeps a job’s latest ${JOB_RUNS_KEPT} runs and drops older ones`, async () => {
    for (let n = 0; n < JOB_RUNS_KEPT + 2; n += 1) await log.record(aRun('sla-sweep', n));
    await log.record(aRun('auto-close', 0));
    const kept = await log.latest('sla-sweep', JOB_RUNS_KEPT + 10);
    expect(kept).toHaveLength(JOB_RUNS_KEPT);
    expect(kept.at(-1)?.runId).toBe('sla-sweep-2');
    expect(await log.latest('auto-close', 10)).toHaveLength(1);
  });
}
