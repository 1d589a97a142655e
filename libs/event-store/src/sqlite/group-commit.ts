import type Database from 'better-sqlite3';

/** Something that runs synchronous writes against one SQLite file and says when they are durable. */
export interface SqliteWriter {
  readonly database: Database.Database;
  /** Runs `work` in a transaction; resolves with its result once that transaction has committed. */
  write<T>(work: () => T): Promise<T>;
}

interface Pending {
  work: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: every write asked for during one turn of the event loop runs in one
 * IMMEDIATE transaction, each in a savepoint of its own, and the transaction commits
 * once — one fsync at `synchronous=FULL` for all of them. A write that throws rolls back
 * to its savepoint and fails alone; the others still commit. No write's promise settles
 * before the commit, so nothing is acknowledged that a crash could take back.
 *
 * Concurrent requests reach the store in the same turn only because they are concurrent;
 * a lone caller waits for the next turn (`setImmediate`), microseconds, not a timer.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private flushing = false;
  private readonly inSavepoint: (work: () => unknown) => unknown;
  private readonly inTransaction: (batch: Pending[]) => Outcome[];

  constructor(
    private readonly db: Database.Database,
    private readonly onCommitted: () => void = () => {},
  ) {
    // better-sqlite3 makes a transaction function called inside a transaction a savepoint.
    this.inSavepoint = db.transaction((work: () => unknown) => work());
    const all = db.transaction((batch: Pending[]) =>
      // A write alone needs no savepoint: if it throws, the whole transaction rolls back.
      batch.length === 1 ? [this.attempt(batch[0], false)] : batch.map((p) => this.attempt(p)),
    );
    this.inTransaction = all.immediate.bind(all);
  }

  write<T>(work: () => T): Promise<T> {
    // Asked for from inside a write, it would commit in a later transaction than its caller.
    if (this.flushing) return Promise.reject(new Error('A write cannot ask for another write.'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  /** Commits whatever is waiting now (before closing the database, say). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    this.flushing = true;
    try {
      outcomes = this.inTransaction(batch);
    } catch (error) {
      // The transaction itself failed (the disk, a lock held too long): nothing committed.
      for (const pending of batch) pending.reject(error);
      return;
    } finally {
      this.flushing = false;
    }
    if (outcomes.some((outcome) => outcome.ok)) this.onCommitted();
    outcomes.forEach((outcome, i) =>
      outcome.ok ? batch[i].resolve(outcome.value) : batch[i].reject(outcome.error),
    );
  }

  private attempt(pending: Pending, inSavepoint = true): Outcome {
    try {
      const value = inSavepoint ? this.inSavepoint(pending.work) : pending.work();
      // Whatever it did after its first await would run outside the transaction.
      if (typeof (value as Promise<unknown> | null)?.then === 'function')
        throw new TypeError('A write must be synchronous.');
      return { ok: true, value };
    } catch (error) {
      // Alone, or an error that ended the whole transaction: it takes the batch with it.
      if (!inSavepoint || !this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}
