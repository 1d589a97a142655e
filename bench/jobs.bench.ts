import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bundledPolicy,
  createCaseDecider,
  foldCase,
  type Actor,
  type CaseCommand,
  type CaseEvent,
} from '#domain';
import type { EventStore, NewEvent } from '#event-store';
import type { CaseProjections } from '#read-models';
import { sealedStoreIn } from './sealed-store';
import { loadConfig } from '../apps/api/src/config/app-config';
import { createApp } from '../apps/api/src/create-app';
import { JobRunner } from '../apps/api/src/jobs/job-runner.service';
import { PROJECTIONS } from '../apps/api/src/projections/projections.module';
import type { Measurement } from './event-store.bench';

const policy = bundledPolicy('dmm');
const decider = createCaseDecider(policy);
const recipient: Actor = { id: 'u-staff', name: 'Sam Staff', roles: ['staff'] };
const manager: Actor = { id: 'u-ops', name: 'Olu Ops', roles: ['operations-manager'] };
const HOUR = 3_600_000;

/** A complaint as staff record it, the nth of the store. */
const receiveCommand = (n: number, caseId: string): CaseCommand => ({
  type: 'ReceiveCase',
  actor: recipient,
  data: {
    caseId,
    reference: `DMM-2026-${String(n + 1).padStart(6, '0')}`,
    kind: 'complaint',
    formality: 'informal',
    channel: 'phone',
    summary: `Complaint number ${n}`,
    complainant: { name: `Learner ${n}`, role: 'learner' },
  },
});

const closeCommand: CaseCommand = {
  type: 'CloseCase',
  actor: manager,
  data: { reason: 'withdrawn' },
};

/**
 * Cases as people record them, through the real decider: the nth case's history is
 * `history(n, caseId)`, each command decided at its own time, its events appended at once.
 */
async function recordCases(
  store: EventStore,
  count: number,
  history: (n: number, caseId: string) => Array<[CaseCommand, Date]>,
): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    const caseId = randomUUID();
    const events: CaseEvent[] = [];
    for (const [command, at] of history(n, caseId))
      events.push(...decider.decide(command, foldCase(events), at));
    const envelopes = events.map((event): NewEvent => ({
      id: randomUUID(),
      type: event.type,
      data: event.data,
      occurredAt: event.occurredAt,
      metadata: {
        correlationId: randomUUID(),
        causationId: randomUUID(),
        actor: recipient,
        policyId: policy.id,
        policyVersion: policy.version,
        schemaVersion: 1,
      },
    }));
    await store.append(`clfcase-${caseId}`, envelopes, 'no-stream');
  }
}

/** Open complaints: a CaseReceived each. */
const receiveOpenCases = (store: EventStore, count: number, receivedAt: (n: number) => Date) =>
  recordCases(store, count, (n, caseId) => [[receiveCommand(n, caseId), receivedAt(n)]]);

/**
 * A fresh embedded store in a temporary directory, its cases recorded by `record`; then the
 * server over it, timers off and read models caught up, for `work`; then all of it removed.
 */
async function overRecordedStore<T>(
  name: string,
  record: (events: EventStore) => Promise<void>,
  clock: () => Date,
  work: (runner: JobRunner) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `clf-bench-${name}-`));
  try {
    const store = sealedStoreIn(dir);
    await record(store.events);
    await store.close();
    const app = await createApp(
      loadConfig({
        CLF_DATA_DIR: dir,
        CLF_JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
        CLF_SCHEDULER: 'off',
        LOG_LEVEL: 'warn',
      }),
      { clock },
    );
    await app.init();
    try {
      await app.get<CaseProjections>(PROJECTIONS).whenCaughtUp();
      return await work(app.get(JobRunner));
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const seconds = (from: number) => (performance.now() - from) / 1000;

/**
 * sla-sweep over a store of open cases, through the real job: the deadline index names the
 * candidates, each is re-checked against its stream and its DeadlineMissed appended at
 * synchronous=FULL. Two runs: the steady state (a few deadlines newly passed among all the
 * open cases) and a catch-up after weeks of downtime (every open case overdue).
 */
export async function benchJobs(quick: boolean): Promise<Measurement[]> {
  const open = quick ? 10_000 : 100_000;
  const newlyMissed = open / 100;
  // Mon 23 Nov 2026, noon: complaints received on Mon 16th missed their acknowledgement
  // (due Wed 18th); those received this morning are due on Wed 25th.
  let now = new Date('2026-11-23T12:00:00Z');
  process.stdout.write(
    `  recording ${open.toLocaleString('en-GB')} open complaints (${newlyMissed.toLocaleString('en-GB')} of them past their acknowledgement deadline)\n`,
  );
  const record = (events: EventStore) =>
    receiveOpenCases(events, open, (n) =>
      n < newlyMissed
        ? new Date(Date.parse('2026-11-16T09:00:00Z') + n * 1000)
        : new Date(now.getTime() - 3 * HOUR + (n % 10_000) * 1000),
    );
  return await overRecordedStore(
    'jobs',
    record,
    () => now,
    async (runner): Promise<Measurement[]> => {
      const t0 = performance.now();
      const steady = await runner.run('sla-sweep');
      const steadySeconds = seconds(t0);

      now = new Date('2026-12-14T12:00:00Z'); // three weeks on: every open case is overdue
      const t1 = performance.now();
      const catchUp = await runner.run('sla-sweep');
      const catchUpSeconds = seconds(t1);
      const rate = Math.round(catchUp.changed / catchUpSeconds);
      return [
        {
          what: `sla-sweep over ${open.toLocaleString('en-GB')} open cases, ${steady.changed.toLocaleString('en-GB')} deadlines newly missed (through the command path, FULL durability)`,
          target: '≤ 2 s',
          measured: `${steadySeconds.toFixed(2)} s`,
          pass: quick ? null : steadySeconds <= 2 && steady.changed === newlyMissed,
          detail: { open, recorded: steady.changed, seconds: Number(steadySeconds.toFixed(3)) },
        },
        {
          what: `sla-sweep catching up after downtime: all ${catchUp.changed.toLocaleString('en-GB')} open cases overdue`,
          target: '—',
          measured: `${catchUpSeconds.toFixed(1)} s (${rate.toLocaleString('en-GB')} cases/s)`,
          pass: null,
          detail: {
            open,
            recorded: catchUp.changed,
            failed: catchUp.failed,
            seconds: Number(catchUpSeconds.toFixed(2)),
            casesPerSecond: rate,
          },
        },
      ];
    },
  );
}

/**
 * retention over a store of closed cases, through the real job: the index names the cases
 * whose retention has ended (1 in 100: closed over six years ago), each is re-checked
 * against its stream and its PersonalDataErased appended; the rest are never read.
 */
export async function benchRetention(quick: boolean): Promise<Measurement[]> {
  const closed = quick ? 10_000 : 100_000;
  const due = closed / 100;
  const now = new Date('2026-11-23T12:00:00Z');
  process.stdout.write(
    `  recording ${closed.toLocaleString('en-GB')} closed complaints (${due.toLocaleString('en-GB')} of them closed over six years ago)\n`,
  );
  const record = (events: EventStore) =>
    recordCases(events, closed, (n, caseId) => {
      const at = new Date(
        (n < due ? Date.parse('2020-06-01T09:00:00Z') : now.getTime() - 30 * 24 * HOUR) + n * 1000,
      );
      return [
        [receiveCommand(n, caseId), at],
        [closeCommand, new Date(at.getTime() + HOUR)],
      ];
    });
  return await overRecordedStore(
    'retention',
    record,
    () => now,
    async (runner): Promise<Measurement[]> => {
      const t0 = performance.now();
      const run = await runner.run('retention');
      const took = seconds(t0);
      return [
        {
          what: `retention over ${closed.toLocaleString('en-GB')} closed cases, ${run.changed.toLocaleString('en-GB')} past the policy's six years erased (through the command path)`,
          target: '≤ 10 s',
          measured: `${took.toFixed(2)} s`,
          pass: quick ? null : took <= 10 && run.changed === due,
          detail: {
            closed,
            erased: run.changed,
            failed: run.failed,
            seconds: Number(took.toFixed(3)),
          },
        },
      ];
    },
  );
}
