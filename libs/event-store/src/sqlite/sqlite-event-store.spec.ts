import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventIdConflictError } from '../event-store.errors';
import { verifyEveryChain } from '../every-chain';
import { eventStoreContract, newEvent } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore (contract)', () => {
  eventStoreContract(async (clock) => {
    const filename = join(mkdtempSync(join(tmpdir(), 'clf-es-')), 'events.db');
    const store = new SqliteEventStore({ filename, clock });
    return {
      store,
      reopen: async () => new SqliteEventStore({ filename, clock }),
      tamper: async (stream, revision) => {
        store.database
          .prepare(
            "UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE stream = ? AND revision = ?",
          )
          .run(stream, revision);
      },
    };
  });
});

describe('SqliteEventStore', () => {
  const open = () =>
    new SqliteEventStore({ filename: join(mkdtempSync(join(tmpdir(), 'clf-es-')), 'events.db') });

  describe('checking every chain from the stored text', () => {
    let store: SqliteEventStore;
    beforeEach(async () => {
      store = open();
      for (const n of [1, 2, 3, 4, 5, 6])
        await store.append(
          `t-${n}`,
          [newEvent('Happened', { b: n, a: { d: 1, c: [2] } })],
          'no-stream',
        );
    });
    afterEach(() => store.close());
    const rewrite = (column: 'data' | 'metadata', text: string, stream: string) =>
      store.database.prepare(`UPDATE events SET ${column} = ? WHERE stream = ?`).run(text, stream);
    const metadataOf = (stream: string) =>
      JSON.parse(
        store.database
          .prepare('SELECT metadata FROM events WHERE stream = ?')
          .pluck()
          .get(stream) as string,
      );

    it('stores data as the canonical JSON it was hashed as', () => {
      const [stored] = store.readStoredTexts(-1, 1);
      expect(stored).toMatchObject({ stream: 't-1', data: '{"a":{"c":[2],"d":1},"b":1}' });
      expect(stored.actor).toBe('{"id":"u1","name":"Ann Lee","roles":["staff"]}');
    });

    it('finds an event intact whose stored text holds the same values in another order, and any other change broken', async () => {
      rewrite('data', '{"b":1,"a":{"d":1,"c":[2]}}', 't-1');
      rewrite('data', '{"b":2,"a":{"d":1,"c":[3]}}', 't-2');
      rewrite('data', '{"b":3,"a":', 't-3');
      rewrite('metadata', '{"actor":', 't-4');
      const actor = metadataOf('t-5').actor;
      rewrite('metadata', JSON.stringify({ actor: JSON.stringify(actor) }), 't-5');
      rewrite('metadata', JSON.stringify({ actor: { ...actor, name: 'Someone else' } }), 't-6');
      const { broken, events } = await verifyEveryChain(store);
      expect(events).toBe(6);
      expect(broken.map((chain) => chain.stream)).toEqual(['t-2', 't-3', 't-4', 't-5', 't-6']);
    });
  });

  it('keeps event ids unique across the store: a reused id that is not a retry is refused', async () => {
    const store = open();
    const [a, b] = [newEvent(), newEvent()];
    await store.append('clfcase-1', [a], 'no-stream');
    await expect(store.append('clfcase-1', [b, a], 0)).rejects.toBeInstanceOf(EventIdConflictError);
    await expect(store.append('clfcase-2', [a], 'any')).rejects.toBeInstanceOf(
      EventIdConflictError,
    );
    expect(await store.readStream('clfcase-1')).toHaveLength(1);
    await store.close();
  });

  it('runs in WAL mode with every commit synced, unless told otherwise', async () => {
    const store = open();
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2); // FULL
    await store.close();
    const relaxed = new SqliteEventStore({
      filename: join(mkdtempSync(join(tmpdir(), 'clf-es-')), 'e.db'),
      durability: 'normal',
    });
    expect(relaxed.database.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    await relaxed.close();
  });

  it('wakes a live subscriber when an append commits, not by polling', async () => {
    // With the fallback poll an hour away, only the append itself can deliver the event in time.
    const store = new SqliteEventStore({
      filename: join(mkdtempSync(join(tmpdir(), 'clf-es-')), 'e.db'),
      crossProcessPollMs: 3_600_000,
    });
    const seen: string[] = [];
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    let delivered!: () => void;
    const arrived = new Promise<void>((resolve) => (delivered = resolve));
    const subscription = store.subscribe({
      handle: (batch) => {
        seen.push(...batch.map((e) => e.stream));
        delivered();
      },
      onCaughtUp: () => caughtUp(),
    });
    await ready;
    await store.append('clfcase-live', [newEvent()], 'no-stream');
    await arrived;
    expect(seen).toEqual(['clfcase-live']);
    await subscription.stop();
    await store.close();
  });

  it('gives the event loop a turn between batches while catching up, so requests are served meanwhile', async () => {
    const store = open();
    for (let n = 0; n < 50; n += 1) await store.append(`clfcase-${n}`, [newEvent()], 'no-stream');
    let batches = 0;
    let batchesWhenTimerRan = -1;
    let caughtUp!: () => void;
    const done = new Promise<void>((resolve) => (caughtUp = resolve));
    // Stands for a request arriving while a rebuild is catching up.
    setImmediate(() => (batchesWhenTimerRan = batches));
    const subscription = store.subscribe({
      batchSize: 10,
      handle: () => {
        batches += 1;
      },
      onCaughtUp: () => caughtUp(),
    });
    await done;
    expect(batches).toBe(5);
    expect(batchesWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(batchesWhenTimerRan).toBeLessThan(5);
    await subscription.stop();
    await store.close();
  });
});
