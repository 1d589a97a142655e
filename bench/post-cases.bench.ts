import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { issueToken } from '../apps/api/src/auth/issue-token';
import { startServer } from '../test/support/server-process';
import type { Measurement } from './event-store.bench';

export const BENCH_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

export const bearer = async (sub: string, roles: string[]) =>
  `Bearer ${await issueToken(BENCH_SECRET, { sub, name: sub, roles: roles as never })}`;

/** What a member of staff records when a learner phones in. */
const COMPLAINT = JSON.stringify({
  kind: 'complaint',
  channel: 'phone',
  summary: 'Mentor missed two sessions in a row',
  details: 'The learner waited for the video call twice; nobody joined and nobody wrote.',
  complainant: { name: 'Ada Learner', email: 'ada@example.org', role: 'learner' },
  categories: ['mentoring'],
});

/**
 * `POST /cases` over HTTP against the real server (`node dist/apps/api/src/main.js`, a
 * process of its own, on the embedded store with every default: `synchronous=FULL`
 * durability, projections in the same process, JSON logs at `info` to a pipe), loaded by
 * autocannon from this process with 32 connections after a warm-up. Also: how long the
 * server takes from spawn to `/health/ready` on an empty store.
 */
export async function benchPostCases(quick: boolean): Promise<Measurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-bench-http-'));
  const server = await startServer({
    dataDir,
    env: { CLF_JWT_SECRET: BENCH_SECRET, LOG_LEVEL: 'info' },
  });
  try {
    const load = (seconds: number) =>
      autocannon({
        url: `${server.url}/api/v1/cases`,
        method: 'POST',
        connections: 32,
        duration: seconds,
        headers: { authorization: token, 'content-type': 'application/json' },
        body: COMPLAINT,
      });
    const token = await bearer('u-bench', ['staff']);
    await load(quick ? 1 : 3); // warm-up: JIT, page cache, the heap at its working size
    const result = await load(quick ? 5 : 20);
    const failed = result.non2xx + result.errors + result.timeouts;
    const perSecond = Math.round(result.requests.average);
    const { p50, p99 } = result.latency;
    return [
      {
        what: 'POST /cases over HTTP, 32 concurrent clients (autocannon), embedded store, FULL durability',
        target: '≥ 2,000 req/s, p99 ≤ 25 ms',
        measured: `${perSecond.toLocaleString('en-GB')} req/s, p50 ${p50} ms, p99 ${p99} ms${failed ? `, ${failed} failed` : ''}`,
        pass: quick ? null : perSecond >= 2000 && p99 <= 25 && failed === 0,
        detail: {
          requestsPerSecond: perSecond,
          p50,
          p99,
          p999: result.latency.p99_9,
          requests: result.requests.total,
          failed,
          seconds: result.duration,
          serverRssMiB: Math.round(server.rssMiB() ?? 0),
        },
      },
      {
        what: 'start-up to /health/ready, empty store (spawn → 200)',
        target: '—',
        measured: `${Math.round(server.readyAfterMs)} ms`,
        pass: null,
        detail: { milliseconds: Math.round(server.readyAfterMs) },
      },
    ];
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
