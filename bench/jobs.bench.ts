import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledPolicy, createCaseDecider, type Actor } from '#domain';
import { SqliteEventStore, type NewEvent } from '#event-store';
import type { CaseProjections } from '#read-models';
import { loadConfig } from '../apps/api/src/config/app-config';
import { createApp } from '../apps/api/src/create-app';
import { JobRunner } from '../apps/api/src/jobs/job-runner.service';
import { PROJECTIONS } from '../apps/api/src/projections/projections.module';
import type { Measurement } from './event-store.bench';

const policy = bundledPolicy('dmm');
const decider = createCaseDecider(policy);
const recipient: Actor = { id: 'u-staff', name: 'Sam Staff', roles: ['staff'] };
const HOUR = 3_600_000;

/** Open complaints as staff record them: a CaseReceived each, through the real decider. */
async function receiveOpenCases(
  store: SqliteEventStore,
  count: number,
  receivedAt: (n: number) => Date,
): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    const caseId = randomUUID();
    const at = receivedAt(n);
    const [event] = decider.decide(
      {
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
      },
      null,
      at,
    );
    const envelope: NewEvent = {
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
    };
    await store.append(`clfcase-${caseId}`, [envelope], 'no-stream');
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
  const dir = mkdtempSync(join(tmpdir(), 'clf-bench-jobs-'));
  // Mon 23 Nov 2026, noon: complaints received on Mon 16th missed their acknowledgement
  // (due Wed 18th); those received this morning are due on Wed 25th.
  let now = new Date('2026-11-23T12:00:00Z');
  try {
    const events = new SqliteEventStore({ filename: join(dir, 'events.db'), durability: 'normal' });
    process.stdout.write(
      `  recording ${open.toLocaleString('en-GB')} open complaints (${newlyMissed.toLocaleString('en-GB')} of them past their acknowledgement deadline)\n`,
    );
    await receiveOpenCases(events, open, (n) =>
      n < newlyMissed
        ? new Date(Date.parse('2026-11-16T09:00:00Z') + n * 1000)
        : new Date(now.getTime() - 3 * HOUR + (n % 10_000) * 1000),
    );
    await events.close();

    const app = await createApp(
      loadConfig({
        CLF_DATA_DIR: dir,
        CLF_JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
        CLF_SCHEDULER: 'off',
        LOG_LEVEL: 'warn',
      }),
      { clock: () => now },
    );
    await app.init();
    try {
      await app.get<CaseProjections>(PROJECTIONS).whenCaughtUp();
      const runner = app.get(JobRunner);

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
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
