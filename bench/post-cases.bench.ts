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

/** 32 autocannon connections posting complaints: a warm-up, then the measured run. */
async function postCases(url: string, quick: boolean) {
  const token = await bearer('u-bench', ['staff']);
  const load = (seconds: number) =>
    autocannon({
      url: `${url}/api/v1/cases`,
      method: 'POST',
      connections: 32,
      duration: seconds,
      headers: { authorization: token, 'content-type': 'application/json' },
      body: COMPLAINT,
    });
  await load(quick ? 1 : 3); // warm-up: JIT, page cache, the heap at its working size
  const result = await load(quick ? 5 : 20);
  return {
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    p999: result.latency.p99_9,
    requests: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
  };
}

const describe = (r: Awaited<ReturnType<typeof postCases>>) =>
  `${r.perSecond.toLocaleString('en-GB')} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.failed ? `, ${r.failed} failed` : ''}`;

/**
 * `POST /cases` over HTTP against the real server (`node dist/apps/api/src/main.js`, a
 * process of its own, on the embedded store with every default: `synchronous=FULL`
 * durability, projections in the same process, JSON logs at `info` to a pipe), loaded by
 * autocannon from this process with 32 connections after a warm-up. Also: how long the
 * server takes from spawn to `/health/ready` on an empty store; and, for comparison, the
 * same load on a split deployment over one embedded store — an API process and a worker
 * process running the projections — which shows what the projections cost the API.
 */
export async function benchPostCases(quick: boolean): Promise<Measurement[]> {
  const env = { CLF_JWT_SECRET: BENCH_SECRET, LOG_LEVEL: 'info' };
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-bench-http-'));
  const splitDir = mkdtempSync(join(tmpdir(), 'clf-bench-split-'));
  try {
    const server = await startServer({ dataDir, env });
    const readyAfterMs = server.readyAfterMs;
    let all: Awaited<ReturnType<typeof postCases>>;
    let rss: number | null;
    try {
      all = await postCases(server.url, quick);
      rss = server.rssMiB();
    } finally {
      await server.stop();
    }

    const worker = await startServer({ dataDir: splitDir, env: { ...env, CLF_ROLE: 'worker' } });
    let split: Awaited<ReturnType<typeof postCases>>;
    try {
      const api = await startServer({ dataDir: splitDir, env: { ...env, CLF_ROLE: 'api' } });
      try {
        split = await postCases(api.url, quick);
      } finally {
        await api.stop();
      }
    } finally {
      await worker.stop();
    }

    return [
      {
        what: 'POST /cases over HTTP, 32 concurrent clients (autocannon), embedded store, FULL durability, one process',
        target: '≥ 2,000 req/s, p99 ≤ 25 ms',
        measured: describe(all),
        pass: quick ? null : all.perSecond >= 2000 && all.p99 <= 25 && all.failed === 0,
        detail: { ...all, serverRssMiB: Math.round(rss ?? 0) },
      },
      {
        what: 'the same, split: an API process, and a worker process running the projections (CLF_ROLE=api / worker, one data directory)',
        target: '—',
        measured: describe(split),
        pass: null,
        detail: split,
      },
      {
        what: 'start-up to /health/ready, empty store (spawn → 200)',
        target: '—',
        measured: `${Math.round(readyAfterMs)} ms`,
        pass: null,
        detail: { milliseconds: Math.round(readyAfterMs) },
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(splitDir, { recursive: true, force: true });
  }
}
