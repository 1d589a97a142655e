import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Actor } from '#domain';
import { positionAt } from '#event-store';
import { CaseProjector } from '../projection/case-projector';
import { QUEUE_SORTS, type QueueQuery } from '../read-model.port';
import { dmmRules, RecordedHistory } from '../testing/recorded-history';
import { readModelStoreContract } from '../testing/read-model-store.contract';
import { ReadModelsNotReadyError } from '../read-model.port';
import { SqliteReadModelStore } from './sqlite-read-model-store';

describe('SqliteReadModelStore (contract)', () => {
  readModelStoreContract(
    async () => new SqliteReadModelStore(join(mkdtempSync(join(tmpdir(), 'clf-rm-')), 'rm.db'), 1),
  );
});

describe('SqliteReadModelStore schema versions', () => {
  it('empties a file written by an older version, so the runner refills it from the first event', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clf-rm-')), 'rm.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE cases (case_id TEXT PRIMARY KEY, revision INTEGER NOT NULL);
      CREATE TABLE checkpoint (id INTEGER PRIMARY KEY, commit_position TEXT NOT NULL, prepare_position TEXT NOT NULL);
      INSERT INTO checkpoint VALUES (1, '42', '42');`);
    old.close();

    const store = new SqliteReadModelStore(file, 1);
    expect(await store.checkpoint()).toBeNull();
    expect(await store.dueWork('sla-sweep', '2030-01-01T00:00:00.000Z', { limit: 1 })).toEqual([]);
    await store.save([], { position: positionAt(7), events: 7 });
    await store.close();

    const reopened = new SqliteReadModelStore(file, 1);
    // the current version is kept
    expect(await reopened.checkpoint()).toEqual({ position: positionAt(7), events: 7 });
    await reopened.close();
  });
});

it('refuses, and leaves alone, a file of another version when it only reads it (an API replica)', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'clf-rm-')), 'rm.db');
  const writer = new SqliteReadModelStore(file, 1);
  await writer.save([], { position: positionAt(9), events: 9 });
  await writer.close();
  const old = new Database(file);
  old.pragma('user_version = 1');
  old.close();
  expect(() => new SqliteReadModelStore(file, 1, { migrate: false })).toThrow(
    ReadModelsNotReadyError,
  );
  const unchanged = new Database(file);
  expect(unchanged.pragma('user_version', { simple: true })).toBe(1);
  expect(unchanged.prepare('SELECT commit_position FROM checkpoint').get()).toEqual({
    commit_position: '9',
  });
  unchanged.close();
});

describe('SqliteReadModelStore category filter', () => {
  it('gives the same pages whether it reads the category’s cases or walks the sort order', async () => {
    const store = new SqliteReadModelStore(
      join(mkdtempSync(join(tmpdir(), 'clf-rm-')), 'rm.db'),
      1,
    );
    const history = new RecordedHistory();
    const actor: Actor = { id: 'u-ann', name: 'Ann', roles: ['staff'] };
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    for (let n = 1; n <= 30; n += 1)
      history.run(
        id(n),
        {
          type: 'ReceiveCase',
          actor,
          data: {
            caseId: id(n),
            reference: `DMM-2026-${String(n).padStart(5, '0')}`,
            kind: 'complaint',
            channel: n % 2 ? 'phone' : 'email',
            summary: `Complaint ${n}`,
            complainant: { name: 'Ada', role: 'learner' },
            categories: n % 10 === 0 ? ['rare', 'common'] : n % 5 === 0 ? [] : ['common'],
          },
        },
        `2026-11-${String(1 + (n % 25)).padStart(2, '0')}T09:00:00Z`,
      );
    const projector = new CaseProjector(dmmRules);
    await store.save(projector.project(history.events, new Map()), {
      position: history.events.at(-1)!.position,
      events: history.events.length,
    });
    const expected = { common: 27, rare: 3 };
    try {
      for (const [category, size] of Object.entries(expected))
        for (const sort of QUEUE_SORTS) {
          const query: QueueQuery = {
            category,
            sort,
            limit: 200,
            now: '2026-12-01T00:00:00.000Z',
            visibility: { scope: 'all' },
          };
          // One page of 200 reads every case of the category (both are below its bound) ...
          const all = (await store.page(query)).items.map((s) => s.id);
          expect(all).toHaveLength(size);
          // ... pages of one walk the sort order for the common one (27 cases: over the bound of 8).
          const paged: string[] = [];
          let cursor: QueueQuery['cursor'];
          do {
            const page = await store.page({ ...query, limit: 1, cursor });
            paged.push(...page.items.map((s) => s.id));
            cursor = page.next ?? undefined;
          } while (cursor);
          expect({ category, sort, paged }).toEqual({ category, sort, paged: all });
        }
    } finally {
      await store.drop();
    }
  });
});

describe('SqliteReadModelStore rebuilding into a file that already holds cases', () => {
  it('goes on from the cases it finds, and ends with the read models of one that never stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clf-rm-'));
    const history = new RecordedHistory();
    const ann: Actor = { id: 'u-ann', name: 'Ann', roles: ['staff'] };
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const receive = (n: number, day: number) =>
      history.run(
        id(n),
        {
          type: 'ReceiveCase',
          actor: ann,
          data: {
            caseId: id(n),
            reference: `DMM-2026-${String(n).padStart(5, '0')}`,
            kind: 'complaint',
            channel: 'phone',
            summary: `Complaint ${n}`,
            complainant: { name: 'Ada', role: 'learner' },
            categories: [n % 2 ? 'fees' : 'mentoring'],
          },
        },
        `2026-11-${String(day).padStart(2, '0')}T09:00:00Z`,
      );
    [1, 2, 3].forEach((n) => receive(n, 20 + n));
    const firstPart = history.events.length;
    history.run(id(1), { type: 'AcknowledgeCase', actor: ann, data: {} }, '2026-11-24T10:00:00Z');
    receive(4, 25);
    const projector = new CaseProjector(dmmRules);
    const save = async (store: SqliteReadModelStore, events: typeof history.events) =>
      store.save(projector.project(events, await store.load(CaseProjector.caseIds(events))), {
        position: events.at(-1)!.position,
        events: history.events.indexOf(events.at(-1)!) + 1,
      });
    const snapshot = async (store: SqliteReadModelStore) => ({
      queue: await store.page({
        sort: 'receivedAt',
        limit: 50,
        now: '2026-11-30T00:00:00.000Z',
        visibility: { scope: 'all' },
      }),
      facts: await store.facts(['2026-11']),
      themes: await store.themes(['2026-11']),
      about: (await store.casesAbout('name:ada')).map((found) => found.reference),
      found: (
        await store.page({
          q: 'complaint 1',
          sort: 'dueBy',
          limit: 50,
          now: '2026-11-30T00:00:00.000Z',
          visibility: { scope: 'all' },
        })
      ).items.map((s) => s.id),
    });

    const straight = new SqliteReadModelStore(join(dir, 'straight.db'), 1);
    await save(straight, history.events);
    const earlier = new SqliteReadModelStore(join(dir, 'resumed.db'), 1);
    await save(earlier, history.events.slice(0, firstPart));
    await earlier.close();
    const resumed = new SqliteReadModelStore(join(dir, 'resumed.db'), 1, { building: true });
    await save(resumed, history.events.slice(firstPart));
    await resumed.readyToServe();
    try {
      expect(await snapshot(resumed)).toEqual(await snapshot(straight));
    } finally {
      await Promise.all([straight.drop(), resumed.drop()]);
    }
  });
});
