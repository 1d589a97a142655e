import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Actor } from '#domain';
import { SqliteEventStore } from '#event-store';
import { issueToken } from '../apps/api/src/auth/issue-token';
import { loadConfig } from '../apps/api/src/config/app-config';
import { createApp } from '../apps/api/src/create-app';
import { StaffDirectory } from '../apps/api/src/people/staff-directory.service';
import { STORAGE, type Storage } from '../apps/api/src/storage/storage';
import { appendYear, generateYear } from './case-history.generator';
import type { Measurement } from './event-store.bench';
import { percentile } from './percentile';
import { BENCH_SECRET } from './post-cases.bench';
import { runAlone } from './run-alone';

const ADMIN: Actor = { id: 'u-admin', name: 'Ada Admin', roles: ['admin'] };
const MANAGER: Actor = { id: 'u-ops', name: 'Olu Ops', roles: ['operations-manager'] };
const NOTES = 98; // with its receipt and its owner: a case of 100 events

/** A console session for the manager, as signing in would leave it (the cookie's value). */
async function managerSession(app: INestApplication): Promise<string> {
  const directory = app.get(StaffDirectory);
  const as = { actor: ADMIN, correlationId: randomUUID() };
  for (const person of [ADMIN, MANAGER])
    await directory.execute(
      {
        type: 'AddPerson',
        data: {
          id: person.id,
          name: person.name!,
          email: `${person.id}@bench.example`,
          roles: [...person.roles],
        },
      },
      as,
    );
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await app.get<Storage>(STORAGE).sessions.create({
    id: createHash('sha256').update(token).digest('hex'),
    personId: MANAGER.id,
    csrfToken: randomBytes(32).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
  });
  return token;
}

/** A complaint recorded through the API and worked to 100 events: its reference. */
async function caseOfAHundredEvents(url: string): Promise<string> {
  const authorization = `Bearer ${await issueToken(BENCH_SECRET, { sub: MANAGER.id, name: MANAGER.name!, roles: ['operations-manager'] })}`;
  const post = async (path: string, body: object) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; reference: string };
  };
  const recorded = await post('/cases', {
    kind: 'complaint',
    channel: 'email',
    summary: 'Mentor missed two sessions in a row',
    complainant: { name: 'Kit Young', role: 'learner', under18: true },
    representative: { name: 'Pat Parent', relationship: 'parent' },
  });
  await post(`/cases/${recorded.id}/assign`, { owner: { id: MANAGER.id, name: MANAGER.name } });
  for (let n = 0; n < NOTES; n += 1)
    await post(`/cases/${recorded.id}/notes`, { text: `Called the learner, attempt ${n + 1}` });
  return recorded.reference;
}

async function waitUntilReady(url: string): Promise<void> {
  for (;;) {
    if ((await fetch(`${url}/health/ready`)).ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `GET /cases/<reference>` as a signed-in manager sees it — the stream read and verified,
 * the timeline of 100 events in words, deadlines, documents and the actions offered — on a
 * store holding a year of 100,000 other cases. The server runs in this process on the
 * embedded store, answering a client on loopback one request at a time after a warm-up.
 */
export async function benchConsoleCasePage(quick: boolean): Promise<Measurement[]> {
  const cases = quick ? 10_000 : 100_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-bench-case-page-'));
  try {
    const store = new SqliteEventStore({
      filename: join(dataDir, 'events.db'),
      durability: 'normal',
    });
    await appendYear(store, generateYear(cases));
    await store.close();
    const config = loadConfig({
      CLF_DATA_DIR: dataDir,
      CLF_JWT_SECRET: BENCH_SECRET,
      CLF_SCHEDULER: 'off',
      LOG_LEVEL: 'error',
    });
    const app = await createApp(config);
    try {
      await app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      await waitUntilReady(url);
      const cookie = `clf-session=${await managerSession(app)}`;
      const reference = await caseOfAHundredEvents(url);
      const page = async () => {
        const t0 = performance.now();
        const response = await fetch(`${url}/cases/${reference}`, { headers: { cookie } });
        await response.text();
        if (response.status !== 200) throw new Error(`case page: ${response.status}`);
        return performance.now() - t0;
      };
      for (let n = 0; n < 50; n += 1) await page(); // warm-up
      const timings: number[] = [];
      for (let n = 0; n < (quick ? 200 : 1_000); n += 1) timings.push(await page());
      timings.sort((a, b) => a - b);
      const p95 = percentile(timings, 95);
      return [
        {
          what: `console case page (100 events), ${cases.toLocaleString('en-GB')} cases, at a client`,
          target: 'p95 ≤ 30 ms',
          measured: `p95 ${p95.toFixed(2)} ms (p50 ${percentile(timings, 50).toFixed(2)} ms)`,
          pass: quick ? null : p95 <= 30,
          detail: { cases, requests: timings.length, p95, p50: percentile(timings, 50) },
        },
      ];
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Alone: `node dist/bench/console-case-page.bench.js [--quick]`. */
if (require.main === module) runAlone(benchConsoleCasePage);
