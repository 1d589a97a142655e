import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, SqliteEventStore, type NewEvent, type SqliteDurability } from '#event-store';

export interface Measurement {
  what: string;
  target: string;
  measured: string;
  pass: boolean | null;
  detail: Record<string, number | string>;
}

const event = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'CaseAcknowledged',
  data: { stage: 1, method: 'email', note: `Acknowledged by email, message ${n}` },
  occurredAt: new Date().toISOString(),
  metadata: {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { id: 'u1', name: 'Ann Lee', roles: ['staff'] },
    policyId: 'dmm',
    policyVersion: '2022-02',
    schemaVersion: 1,
  },
});

function perSecond(count: number, started: number): number {
  return Math.round(count / ((performance.now() - started) / 1000));
}

/** One event per transaction straight into the same table shape: the floor the port is measured against. */
function rawInserts(dir: string, count: number, durability: SqliteDurability): number {
  const db = openSqlite(join(dir, `raw-${durability}.db`), durability);
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
    stream TEXT NOT NULL, category TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, prev_hash TEXT, hash TEXT NOT NULL,
    UNIQUE (stream, revision)); CREATE INDEX events_by_category ON events (category, position);`);
  const insert =
    db.prepare(`INSERT INTO events (event_id, stream, category, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash)
    VALUES (?, ?, 'clfcase', 0, ?, ?, ?, ?, ?, NULL, ?)`);
  const events = Array.from({ length: count }, (_, n) => event(n));
  const started = performance.now();
  for (const e of events) {
    insert.run(
      e.id,
      `clfcase-${e.id}`,
      e.type,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata),
      e.occurredAt,
      new Date().toISOString(),
      'x'.repeat(64),
    );
  }
  const rate = perSecond(count, started);
  db.close();
  return rate;
}

async function portAppends(
  dir: string,
  count: number,
  durability: SqliteDurability,
): Promise<number> {
  const store = new SqliteEventStore({ filename: join(dir, `port-${durability}.db`), durability });
  const events = Array.from({ length: count }, (_, n) => event(n));
  const started = performance.now();
  for (const e of events) await store.append(`clfcase-${e.id}`, [e], 'no-stream');
  const rate = perSecond(count, started);
  await store.close();
  return rate;
}

/** `clients` appenders at once, each one event at a time, as concurrent commands append. */
async function concurrentAppends(dir: string, count: number, clients: number): Promise<number> {
  const store = new SqliteEventStore({ filename: join(dir, 'concurrent.db') });
  const events = Array.from({ length: count }, (_, n) => event(n));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = client; n < count; n += clients)
        await store.append(`clfcase-${events[n].id}`, [events[n]], 'no-stream');
    }),
  );
  const rate = perSecond(count, started);
  await store.close();
  return rate;
}

async function reads(
  dir: string,
  streams: number,
  perStream: number,
): Promise<{ readAll: number; readStream: number }> {
  const store = new SqliteEventStore({ filename: join(dir, 'reads.db'), durability: 'normal' });
  const names = Array.from({ length: streams }, () => `clfcase-${randomUUID()}`);
  for (const name of names)
    await store.append(
      name,
      Array.from({ length: perStream }, (_, n) => event(n)),
      'no-stream',
    );
  const total = streams * perStream;

  let started = performance.now();
  let read = 0;
  for (
    let batch = await store.readAll({ maxCount: 1000 });
    batch.length > 0;
    batch = await store.readAll({ maxCount: 1000, after: batch[batch.length - 1].position })
  ) {
    read += batch.length;
  }
  const readAll = perSecond(read, started);

  started = performance.now();
  for (const name of names) await store.readStream(name);
  const readStream = perSecond(total, started);
  await store.close();
  return { readAll, readStream };
}

export async function benchEventStore(quick: boolean): Promise<Measurement[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clf-bench-'));
  const count = quick ? 2_000 : 5_000;
  try {
    const results: Measurement[] = [];
    for (const durability of ['full', 'normal'] as const) {
      const raw = rawInserts(dir, count, durability);
      const port = await portAppends(dir, count, durability);
      const ratio = port / raw;
      results.push({
        what: `event append through the store port vs raw insert (synchronous=${durability.toUpperCase()})`,
        target: '≥ 0.7 of raw',
        measured: `${ratio.toFixed(2)} (${port.toLocaleString('en-GB')}/s vs ${raw.toLocaleString('en-GB')}/s)`,
        pass: durability === 'full' ? ratio >= 0.7 : null,
        detail: {
          durability,
          events: count,
          portPerSecond: port,
          rawPerSecond: raw,
          ratio: Number(ratio.toFixed(3)),
        },
      });
    }
    const concurrent = await concurrentAppends(dir, count * 4, 32);
    results.push({
      what: 'event appends from 32 concurrent appenders through the port (synchronous=FULL, group commit)',
      target: '—',
      measured: `${concurrent.toLocaleString('en-GB')}/s`,
      pass: null,
      detail: { events: count * 4, appenders: 32, perSecond: concurrent },
    });
    const { readAll, readStream } = await reads(dir, quick ? 200 : 1_000, 100);
    results.push({
      what: 'event store reads (readAll in batches of 1,000; readStream of 100-event streams)',
      target: '—',
      measured: `readAll ${readAll.toLocaleString('en-GB')} events/s; readStream ${readStream.toLocaleString('en-GB')} events/s`,
      pass: null,
      detail: { readAllPerSecond: readAll, readStreamPerSecond: readStream },
    });
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
