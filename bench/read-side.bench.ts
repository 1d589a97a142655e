import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledPolicy, createCaseDecider } from '#domain';
import { SqliteEventStore } from '#event-store';
import { CaseProjections, SqliteReadModelGenerations, type QueueQuery } from '#read-models';
import { appendYear, generateYear } from './case-history.generator';
import type { Measurement } from './event-store.bench';
import { percentile } from './percentile';

/** Queue pages managers actually ask for: filtered, sorted, 50 rows. */
const QUEUE_SHAPES: Array<[string, Partial<QueueQuery>]> = [
  ['open, soonest deadline first', {}],
  ['stage 2, soonest deadline first', { stage: 2 }],
  ['overdue', { overdue: true }],
  ['unassigned complaints', { unassigned: true, kind: 'complaint' }],
  ['category "fees", newest first', { category: 'fees', sort: '-receivedAt' }],
  [
    'all statuses received in March, oldest first',
    {
      status: ['open', 'acknowledged', 'responded', 'closed'],
      receivedFrom: '2026-03-01T00:00:00.000Z',
      receivedTo: '2026-03-31T23:59:59.999Z',
      sort: 'receivedAt',
    },
  ],
  [
    'a member of staff’s own cases',
    { visibility: { scope: 'participant', personId: 'u-staff-7' } },
  ],
  [
    'text search "number 4711"',
    { q: 'number 4711', status: ['open', 'acknowledged', 'responded', 'closed'] },
  ],
];

export async function benchReadSide(quick: boolean): Promise<Measurement[]> {
  const cases = quick ? 10_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'clf-bench-read-'));
  const rules = createCaseDecider(bundledPolicy('dmm'));
  const clock = () => new Date('2026-11-23T12:00:00Z');
  const events = new SqliteEventStore({
    filename: join(dir, 'events.db'),
    durability: 'normal',
    clock,
  });
  try {
    const year = generateYear(cases);
    process.stdout.write(
      `  generating ${cases.toLocaleString('en-GB')} cases: ${year.length.toLocaleString('en-GB')} events (appended through the store port, 1,000 at a time, at synchronous=NORMAL)\n`,
    );
    await appendYear(events, year);

    const projections = new CaseProjections(
      events,
      new SqliteReadModelGenerations(join(dir, 'read-models')),
      rules,
      clock,
    );
    await projections.start();
    await projections.whenCaughtUp();

    const started = performance.now();
    const rebuild = await projections.startRebuild();
    await rebuild.done;
    const seconds = (performance.now() - started) / 1000;
    const rebuildRate = Math.round(year.length / seconds);

    const store = projections.store();
    const timings: number[] = [];
    const worst: Record<string, number> = {};
    for (const [name, shape] of QUEUE_SHAPES) {
      const shapeTimings: number[] = [];
      for (let run = 0; run < (quick ? 20 : 50); run += 1) {
        const t0 = performance.now();
        const page = await store.page({
          sort: 'dueBy',
          limit: 50,
          now: clock().toISOString(),
          visibility: { scope: 'all' },
          ...shape,
        });
        // Follow one page on, as a manager paging down would.
        if (page.next && run % 2 === 1)
          await store.page({
            sort: 'dueBy',
            limit: 50,
            now: clock().toISOString(),
            visibility: { scope: 'all' },
            ...shape,
            cursor: page.next,
          });
        shapeTimings.push(performance.now() - t0);
      }
      shapeTimings.sort((a, b) => a - b);
      worst[name] = Number(percentile(shapeTimings, 95).toFixed(2));
      timings.push(...shapeTimings);
    }
    timings.sort((a, b) => a - b);
    const p95 = percentile(timings, 95);
    await projections.stop();
    return [
      {
        what: `projection rebuild (${year.length.toLocaleString('en-GB')} events, ${cases.toLocaleString('en-GB')} cases, all three read models)`,
        target: '≥ 50,000 events/s',
        measured: `${rebuildRate.toLocaleString('en-GB')} events/s (${seconds.toFixed(1)} s)`,
        pass: rebuildRate >= 50_000,
        detail: {
          events: year.length,
          cases,
          seconds: Number(seconds.toFixed(2)),
          eventsPerSecond: rebuildRate,
        },
      },
      {
        what: `queue page, 50 rows filtered + sorted, ${cases.toLocaleString('en-GB')} cases (${QUEUE_SHAPES.length} query shapes)`,
        target: 'p95 ≤ 20 ms',
        measured: `p95 ${p95.toFixed(2)} ms (p50 ${percentile(timings, 50).toFixed(2)} ms)`,
        pass: quick ? null : p95 <= 20,
        detail: { cases, p95, p50: percentile(timings, 50), ...worst },
      },
    ];
  } finally {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench` measures this with the event store; to measure the read side alone
 * (after `npm run bench` or `tsc -p tsconfig.bench.json` has compiled it):
 * `node dist/bench/read-side.bench.js [--quick]`.
 */
if (require.main === module)
  benchReadSide(process.argv.includes('--quick'))
    .then((results) => {
      for (const r of results)
        console.log(`${r.what}\n  ${r.measured} (target ${r.target})`, r.detail ?? '');
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
