import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import {
  categoryOf,
  revisionMatches,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '../event-envelope';
import { ConcurrencyError, EventIdConflictError, StreamNotFoundError } from '../event-store.errors';
import {
  systemClock,
  type Clock,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { canonicalJson, hashEvent, verifyChain, type ChainVerification } from '../hash-chain';
import type { StoredEventText, StoredTextReader } from '../every-chain';
import { positionAt, START, type Position } from '../position';
import { GroupCommit, type SqliteWriter } from './group-commit';
import { PositionCursorSubscription } from './position-cursor.subscription';
import { openSqlite, type SqliteDurability } from './open-sqlite';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT    NOT NULL UNIQUE,
    stream      TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    occurred_at TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    prev_hash   TEXT,
    hash        TEXT    NOT NULL,
    UNIQUE (stream, revision)
  );
  CREATE INDEX IF NOT EXISTS events_by_category ON events (category, position);
`;

export interface SqliteEventStoreOptions {
  /** A file path, or `:memory:`. */
  filename: string;
  durability?: SqliteDurability;
  clock?: Clock;
  /**
   * Subscribers are woken at once by appends in this process; this is how often they
   * look for appends made by another process on the same file.
   */
  crossProcessPollMs?: number;
}

/**
 * What a retry of an already stored append runs into. Duck-typed: better-sqlite3 builds
 * its errors in the addon's realm, where `instanceof Error` can be false (under jest, say).
 */
const isRetrySymptom = (error: unknown): boolean => {
  if (error instanceof ConcurrencyError) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof message === 'string' &&
    message.includes('event_id')
  );
};

/** The columns an event is read from, in the order `toRecorded` takes them. */
const COLUMNS =
  'position, event_id, stream, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash';
type EventRow = [
  position: number,
  eventId: string,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  occurredAt: string,
  recordedAt: string,
  prevHash: string | null,
  hash: string,
];

/** Rows are read as arrays (`raw`): a third faster than as objects, on a rebuild's millions of events. */
const toRecorded = (row: EventRow): RecordedEvent => ({
  id: row[1],
  stream: row[2],
  revision: row[3],
  position: positionAt(row[0]),
  type: row[4],
  data: JSON.parse(row[5]),
  occurredAt: row[7],
  recordedAt: row[8],
  metadata: JSON.parse(row[6]),
  prevHash: row[9],
  hash: row[10],
});

/** The columns `readStoredTexts` reads: the JSON as stored, where SQLite finds it valid. */
const STORED_TEXT_COLUMNS =
  "position, stream, revision, type, CASE WHEN json_valid(data) THEN data END, json_valid(metadata), CASE WHEN json_valid(metadata) THEN metadata -> '$.actor' END, occurred_at, recorded_at, prev_hash, hash";
type StoredTextRow = [
  position: number,
  stream: string,
  revision: number,
  type: string,
  data: string | null,
  metadataValid: number,
  actor: string | null,
  occurredAt: string,
  recordedAt: string,
  prevHash: string | null,
  hash: string,
];

const toStoredText = (row: StoredTextRow): StoredEventText => ({
  position: row[0],
  stream: row[1],
  revision: row[2],
  type: row[3],
  data: row[4],
  metadataValid: row[5] === 1,
  actor: row[6],
  occurredAt: row[7],
  recordedAt: row[8],
  prevHash: row[9],
  hash: row[10],
});

/**
 * The embedded event store: one SQLite file in WAL mode; SQLite's single writer orders
 * positions. Appends made at the same moment share one commit (`GroupCommit`).
 */
export class SqliteEventStore implements EventStore, StoredTextReader, SqliteWriter {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<PositionCursorSubscription>();
  private readonly statements;
  private readonly appendInSavepoint;
  private readonly commits: GroupCommit;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.db = openSqlite(options.filename, options.durability);
    this.db.exec(SCHEMA);
    this.clock = options.clock ?? systemClock;
    this.appended.setMaxListeners(0);
    this.statements = {
      byEventId: this.db.prepare<[string], { stream: string; revision: number; position: number }>(
        'SELECT stream, revision, position FROM events WHERE event_id = ?',
      ),
      last: this.db.prepare<[string], { revision: number; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
      ),
      insert: this.db.prepare(
        `INSERT INTO events (event_id, stream, category, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash)
         VALUES (@event_id, @stream, @category, @revision, @type, @data, @metadata, @occurred_at, @recorded_at, @prev_hash, @hash)`,
      ),
      forwards: this.db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
        )
        .raw(true),
      backwards: this.db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
        )
        .raw(true),
      all: this.db
        .prepare<[number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
        )
        .raw(true),
      allInCategory: this.db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE category = ? AND position > ? ORDER BY position ASC LIMIT ?`,
        )
        .raw(true),
      storedTexts: this.db
        .prepare<[number, number], StoredTextRow>(
          `SELECT ${STORED_TEXT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
        )
        .raw(),
      storedTextsInCategory: this.db
        .prepare<[string, number, number], StoredTextRow>(
          `SELECT ${STORED_TEXT_COLUMNS} FROM events WHERE category = ? AND position > ? ORDER BY position ASC LIMIT ?`,
        )
        .raw(),
      head: this.db.prepare<[], { position: number | null }>(
        'SELECT MAX(position) AS position FROM events',
      ),
      headInCategory: this.db.prepare<[string], { position: number | null }>(
        'SELECT MAX(position) AS position FROM events WHERE category = ?',
      ),
      // Counted on the category index alone: no event is read.
      countAfter: this.db.prepare<[string, number, number], { count: number }>(
        'SELECT COUNT(*) AS count FROM (SELECT 1 FROM events WHERE category = ? AND position > ? LIMIT ?)',
      ),
    };
    // Inside the group's transaction: a savepoint, so a multi-event append that fails leaves nothing.
    this.appendInSavepoint = this.db.transaction(
      (stream: string, events: readonly NewEvent[], expected: ExpectedRevision) =>
        this.appendInTransaction(stream, events, expected),
    );
    this.commits = new GroupCommit(this.db, () => this.appended.emit('append'));
  }

  /**
   * Checks the expectation and inserts in the group's IMMEDIATE transaction (which takes
   * the write lock at BEGIN, so the revision read and the insert see the same stream). A
   * retried append is recognised only when that fails (its revision no longer matches, or
   * an event id is already stored), so the common path pays for no lookups.
   */
  append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.commits.write(() => {
      try {
        // A failed insert takes back only its own row: several events need a savepoint, so
        // that the retry check below sees none of them.
        return events.length > 1
          ? this.appendInSavepoint(stream, events, expected)
          : this.appendInTransaction(stream, events, expected);
      } catch (error) {
        const retried =
          isRetrySymptom(error) && events.length > 0 ? this.earlierAppend(stream, events) : null;
        if (retried) return retried;
        throw error;
      }
    });
  }

  /** Runs other writes to this file (reference numbers) in the same group commits as appends. */
  write<T>(work: () => T): Promise<T> {
    return this.commits.write(work);
  }

  private appendInTransaction(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const last = this.statements.last.get(stream);
    const actual = last ? last.revision : 'no-stream';
    if (!revisionMatches(expected, actual)) throw new ConcurrencyError(stream, expected, actual);
    if (events.length === 0) {
      if (!last) throw new StreamNotFoundError(stream);
      return { nextRevision: last.revision, position: this.positionOf(stream, last.revision) };
    }

    let prevHash = last?.hash ?? null;
    let revision = last ? last.revision : -1;
    let position = 0;
    const recordedAt = this.clock().toISOString();
    const category = categoryOf(stream);
    for (const event of events) {
      revision += 1;
      const hash = hashEvent({
        ...event,
        stream,
        revision,
        recordedAt,
        prevHash,
        actor: event.metadata.actor,
      });
      position = Number(
        this.statements.insert.run({
          event_id: event.id,
          stream,
          category,
          revision,
          type: event.type,
          // Canonical, as it was hashed: the chain-audit job hashes the stored text unparsed.
          data: canonicalJson(event.data),
          metadata: JSON.stringify(event.metadata),
          occurred_at: event.occurredAt,
          recorded_at: recordedAt,
          prev_hash: prevHash,
          hash,
        }).lastInsertRowid,
      );
      prevHash = hash;
    }
    return { nextRevision: revision, position: positionAt(position) };
  }

  /**
   * The same event ids, in the same stream, in order: a retry of an append that
   * succeeded, answered with its original result. Ids stored but not as such a retry are
   * refused; ids not stored at all mean this was no retry (null).
   */
  private earlierAppend(stream: string, events: readonly NewEvent[]): AppendResult | null {
    const first = this.statements.byEventId.get(events[0].id);
    if (!first) {
      const reused = events.find((e) => this.statements.byEventId.get(e.id));
      if (reused) throw new EventIdConflictError(stream, reused.id);
      return null;
    }
    let last = first;
    for (const [index, event] of events.entries()) {
      const stored = this.statements.byEventId.get(event.id);
      if (!stored || stored.stream !== stream || stored.revision !== first.revision + index) {
        throw new EventIdConflictError(stream, event.id);
      }
      last = stored;
    }
    return { nextRevision: last.revision, position: positionAt(last.position) };
  }

  private positionOf(stream: string, revision: number): Position {
    const [row] = this.statements.forwards.all(stream, revision, 1);
    return positionAt(row[0]);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamSync(stream, options);
  }

  private readStreamSync(
    stream: string,
    { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions,
  ): RecordedEvent[] {
    const limit = maxCount ?? -1; // SQLite: a negative LIMIT means none
    const rows =
      direction === 'forwards'
        ? this.statements.forwards.all(stream, fromRevision ?? 0, limit)
        : this.statements.backwards.all(stream, fromRevision ?? Number.MAX_SAFE_INTEGER, limit);
    if (rows.length === 0 && !this.statements.last.get(stream))
      throw new StreamNotFoundError(stream);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options.after ?? START, options.maxCount ?? 1000, options.category);
  }

  /** Synchronous, so a subscriber's "nothing new" and its wait for the next append cannot interleave with one. */
  readAllSync(after: Position, maxCount: number, category?: string): RecordedEvent[] {
    const from = Number(after.commit);
    const rows = category
      ? this.statements.allInCategory.all(category, from, maxCount)
      : this.statements.all.all(from, maxCount);
    return rows.map(toRecorded);
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = new PositionCursorSubscription(
      {
        read: (after, maxCount) => this.readAllSync(after, maxCount, options.category),
        nextAppend: (timeoutMs) => this.nextAppend(timeoutMs),
      },
      options,
      this.options.crossProcessPollMs ?? 1000,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  private nextAppend(timeoutMs: number): { promise: Promise<void>; cancel(): void } {
    let cancel = () => {};
    const promise = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('append', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.appended.once('append', done);
      cancel = done;
    });
    return { promise, cancel };
  }

  async headPosition(category?: string): Promise<Position | null> {
    const { position } = category
      ? this.statements.headInCategory.get(category)!
      : this.statements.head.get()!;
    return position === null ? null : positionAt(position);
  }

  async countAfter(after: Position, category: string, limit = -1): Promise<number> {
    return this.statements.countAfter.get(category, Number(after.commit), limit)!.count;
  }

  readStoredTexts(after: number, maxCount: number, category?: string): StoredEventText[] {
    const rows = category
      ? this.statements.storedTextsInCategory.all(category, after, maxCount)
      : this.statements.storedTexts.all(after, maxCount);
    return rows.map(toStoredText);
  }

  async verify(stream: string): Promise<ChainVerification> {
    return verifyChain(this.readStreamSync(stream, {}));
  }

  async close(): Promise<void> {
    this.commits.flush();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.db.close();
  }

  /** For operations (backup, tests that tamper with a row): the underlying database. */
  get database(): Database.Database {
    return this.db;
  }
}
