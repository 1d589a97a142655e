import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../test/support/server-process';
import { appendYear, generateYear } from './case-history.generator';
import { benchChainAudit } from './chain-audit.bench';
import type { Measurement } from './event-store.bench';
import { addConsolePeople, benchConsolePages } from './console-pages.bench';
import { benchReportPages } from './report-pages.bench';
import { percentile } from './percentile';
import { sealedStoreIn } from './sealed-store';
import { BENCH_SECRET, bearer } from './post-cases.bench';

/** Cases that make about a million events (3.2 events a case in the generated year). */
const CASES_FOR_A_MILLION_EVENTS = 312_000;

const ms = (value: number) => Number(value.toFixed(2));

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

const percentilesOf = (values: number[]): Percentiles => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};

/** One keep-alive connection, as a browser or a script talking to the server would have. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function getOnce(url: string, authorization: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { authorization } }, (response) => {
      response.on('data', () => {});
      response.on('end', () =>
        response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`)),
      );
    }).on('error', reject);
  });
}

/** Sequential requests, one at a time: each one's time from send to last byte, at the client. */
async function timeRequests(count: number, url: string, authorization: string) {
  const timings: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await getOnce(url, authorization);
    timings.push(performance.now() - started);
  }
  return percentilesOf(timings);
}

/** The same requests as the server timed them (its request log: first middleware to last byte written). */
function serverTimes(server: ServerProcess, path: RegExp, last: number): Percentiles {
  const times = server
    .logLines()
    .map((line) => JSON.parse(line) as { msg?: string; path?: string; ms?: number })
    .filter((line) => line.msg === 'request' && path.test(line.path ?? ''))
    .slice(-last)
    .map((line) => line.ms!);
  return percentilesOf(times);
}

/** A complaint with 99 notes after it: a case of 100 events, recorded over HTTP. */
async function hundredEventCase(
  server: ServerProcess,
  staff: string,
): Promise<{ id: string; reference: string }> {
  const headers = { Authorization: staff, 'Content-Type': 'application/json' };
  const created = await fetch(`${server.url}/api/v1/cases`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      kind: 'complaint',
      channel: 'email',
      summary: 'A long-running complaint about placements',
      complainant: { name: 'Bea Learner', role: 'apprentice' },
    }),
  });
  const { id, reference } = (await created.json()) as { id: string; reference: string };
  for (let n = 1; n < 100; n += 1) {
    const note = await fetch(`${server.url}/api/v1/cases/${id}/notes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: `Call ${n} with the employer about the placement` }),
    });
    if (note.status !== 200) throw new Error(`note ${n}: HTTP ${note.status}`);
  }
  return { id, reference };
}

/**
 * The server on a store of a million events: a year of cases made by the real decider and
 * appended through the store port (1,000 appends in flight at a time, so they share group
 * commits; `synchronous=NORMAL` while loading — the volume, not the loading, is measured).
 * Then the server's first start (which builds the read models from the events), a restart
 * (read models already there), its memory, and the history of a 100-event case over HTTP.
 */
export async function benchLargeStore(quick: boolean): Promise<Measurement[]> {
  const cases = quick ? CASES_FOR_A_MILLION_EVENTS / 10 : CASES_FOR_A_MILLION_EVENTS;
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-bench-large-'));
  try {
    let loadStarted = performance.now();
    const year = generateYear(cases);
    const events = year.length;
    const sealedStore = sealedStoreIn(dataDir);
    const store = sealedStore.events;
    await appendYear(store, year);
    year.length = 0; // let the generated year go before the server is measured
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    process.stdout.write(
      `  stored ${events.toLocaleString('en-GB')} events of ${cases.toLocaleString('en-GB')} cases in ${loadSeconds.toFixed(0)} s\n`,
    );
    const chainAudit = await benchChainAudit(store, dataDir);
    process.stdout.write(`  ${chainAudit.what}: ${chainAudit.measured}\n`);
    await sealedStore.close();

    const env = { CLF_JWT_SECRET: BENCH_SECRET, LOG_LEVEL: 'warn' };
    loadStarted = performance.now();
    const first = await startServer({ dataDir, env, readyTimeoutMs: 900_000 });
    const firstStart = { ms: first.readyAfterMs, peakRss: first.peakRssMiB() };
    await first.stop();
    await addConsolePeople({ ...env, CLF_DATA_DIR: dataDir });

    // At `info`, for the request log's timings.
    const server = await startServer({ dataDir, env: { ...env, LOG_LEVEL: 'info' } });
    try {
      const rssAtReady = server.rssMiB();
      const staff = await bearer('u-bench-staff', ['staff']);
      const manager = await bearer('u-bench-ops', ['operations-manager']);
      const { id, reference } = await hundredEventCase(server, staff);
      const historyUrl = `${server.url}/api/v1/cases/${id}/history`;
      await timeRequests(200, historyUrl, manager); // warm-up
      const historyCount = quick ? 500 : 3_000;
      const history = await timeRequests(historyCount, historyUrl, manager);
      const historyAtServer = serverTimes(server, /\/history$/, historyCount);
      const queue = await timeRequests(
        quick ? 200 : 1_000,
        `${server.url}/api/v1/cases?limit=50&status=open,acknowledged,responded`,
        manager,
      );
      const label = `${events.toLocaleString('en-GB')} events`;
      const consolePages = await benchConsolePages(server, {
        quick,
        label: `${cases.toLocaleString('en-GB')} cases, ${label}`,
        caseReference: reference,
      });
      const reportPages = await benchReportPages(server, {
        quick,
        label: `${cases.toLocaleString('en-GB')} cases, ${label}`,
      });
      const rssAfter = server.rssMiB();
      const peakRss = server.peakRssMiB();
      const rss = Math.max(rssAtReady ?? 0, rssAfter ?? 0);
      return [
        chainAudit,
        ...consolePages,
        ...reportPages,
        {
          what: `history of a 100-event case (GET /cases/:id/history, 52 kB of JSON, store of ${label}): at the server / at a client on the same machine`,
          target: 'p99 ≤ 5 ms',
          measured: `server p99 ${historyAtServer.p99.toFixed(2)} ms (p50 ${historyAtServer.p50.toFixed(2)}); client p99 ${history.p99.toFixed(2)} ms (p50 ${history.p50.toFixed(2)})`,
          pass: historyAtServer.p99 <= 5,
          detail: {
            serverP50: ms(historyAtServer.p50),
            serverP99: ms(historyAtServer.p99),
            clientP50: ms(history.p50),
            clientP95: ms(history.p95),
            clientP99: ms(history.p99),
          },
        },
        {
          what: `server RSS with ${label} stored (after start-up, 100 commands and ${quick ? 700 : 4_000} queries)`,
          target: '≤ 250 MB',
          measured: `${rss.toFixed(0)} MiB (peak ${peakRss?.toFixed(0)} MiB; first start, building the read models: peak ${firstStart.peakRss?.toFixed(0)} MiB)`,
          pass: quick ? null : rss <= 250,
          detail: {
            events,
            rssAtReadyMiB: Math.round(rssAtReady ?? 0),
            rssAfterQueriesMiB: Math.round(rssAfter ?? 0),
            peakMiB: Math.round(peakRss ?? 0),
            firstStartPeakMiB: Math.round(firstStart.peakRss ?? 0),
          },
        },
        {
          what: `start-up to /health/ready with ${label} stored (read models up to date)`,
          target: '—',
          measured: `${Math.round(server.readyAfterMs)} ms (first start, building the read models from the events: ${(firstStart.ms / 1000).toFixed(1)} s)`,
          pass: null,
          detail: {
            milliseconds: Math.round(server.readyAfterMs),
            firstStartMilliseconds: Math.round(firstStart.ms),
          },
        },
        {
          what: `queue page over HTTP (GET /cases?limit=50, open cases, store of ${label})`,
          target: '—',
          measured: `p95 ${queue.p95.toFixed(2)} ms (p50 ${queue.p50.toFixed(2)} ms)`,
          pass: null,
          detail: { p50: ms(queue.p50), p95: ms(queue.p95), p99: ms(queue.p99) },
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
