import Database from 'better-sqlite3';
import { forgetReferencesWithoutCases } from '#event-store';
import { CASE_CATEGORY } from '#domain';
import { OperationRefusedError } from '../operation-refused.error';
import { STORED_DOCUMENT_SQL } from './document-copy';

/** What the snapshot holds, read inside the same read transaction that copies it. */
export interface EventStoreSnapshot {
  count: number;
  headPosition: number;
  streams: number;
  cases: number;
  /** The SHA-256 of every document a DocumentAttached event names. */
  documents: string[];
}

export interface SnapshotOptions {
  /**
   * Pages copied per step. Between steps the event loop runs, so a server in this process
   * (or any other) keeps appending while the copy proceeds.
   */
  pagesPerStep?: number;
  /** The snapshot is taken: what it holds, before a page is copied. */
  onSnapshot?(snapshot: EventStoreSnapshot): void;
  onProgress?(copiedPages: number, totalPages: number): void;
}

const DEFAULT_PAGES_PER_STEP = 1000;

function requireEventStore(db: Database.Database, source: string): void {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'")
    .get();
  if (!table)
    throw new OperationRefusedError(`${source} is not a CLF event store (it has no events table).`);
}

function readSnapshotFacts(db: Database.Database): EventStoreSnapshot {
  const totals = db
    .prepare<[string], { count: number; head: number | null; streams: number; cases: number }>(
      `SELECT COUNT(*) AS count, MAX(position) AS head, COUNT(DISTINCT stream) AS streams,
              COUNT(DISTINCT CASE WHEN category = ? THEN stream END) AS cases
         FROM events`,
    )
    .get(CASE_CATEGORY)!;
  const documents = db
    .prepare<[], { sha256: string }>(
      `SELECT DISTINCT ${STORED_DOCUMENT_SQL} AS sha256
         FROM events WHERE type = 'DocumentAttached' ORDER BY 1`,
    )
    .all()
    .map((row) => row.sha256);
  return {
    count: totals.count,
    headPosition: totals.head ?? 0,
    streams: totals.streams,
    cases: totals.cases,
    documents,
  };
}

/**
 * Copies the event store with SQLite's online backup API, page by page, while the server
 * may be appending. The copy runs inside one read transaction on the source: in WAL mode
 * that pins a snapshot, so every step copies the same committed state — the backup is that
 * instant, every append either wholly in it or wholly not, each stream a gap-free prefix —
 * and the counts returned are read from that same snapshot. (Without it, SQLite restarts a
 * backup whenever another connection writes between steps; against a busy server it would
 * never finish.) Holding the snapshot only delays the server's WAL checkpoints; it never
 * blocks an append.
 */
export async function snapshotEventStore(
  source: string,
  destination: string,
  { pagesPerStep = DEFAULT_PAGES_PER_STEP, onSnapshot, onProgress }: SnapshotOptions = {},
): Promise<EventStoreSnapshot> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    requireEventStore(db, source);
    db.exec('BEGIN'); // deferred: the snapshot is taken by the first read below
    const facts = readSnapshotFacts(db);
    onSnapshot?.(facts);
    const { totalPages } = await db.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        return pagesPerStep;
      },
    });
    onProgress?.(totalPages, totalPages);
    db.exec('COMMIT');
    await settleCopy(destination);
    return facts;
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  }
}

/**
 * The copy as one self-contained file (rollback journal, no -wal beside it), holding no
 * reference number taken by a case it does not hold, and checked by SQLite itself. The server switches it back to WAL when it opens the restored store.
 */
async function settleCopy(destination: string): Promise<void> {
  const copy = new Database(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    forgetReferencesWithoutCases(copy, CASE_CATEGORY);
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new Error(`the copy of the event store failed SQLite's check: ${String(check)}`);
  } finally {
    copy.close();
  }
}
