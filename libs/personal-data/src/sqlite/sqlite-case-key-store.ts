import Database from 'better-sqlite3';
import { openSqlite } from '#event-store';
import type { CaseKey, CaseKeyStore } from '../case-key-store.port';
import { KeyWrapping } from '../master-key/key-wrapping';
import { newDataKey } from '../sealing/aes-gcm';

const ERASE_SQL = `INSERT INTO case_keys (case_id, wrapped, erased_at) VALUES (?, NULL, ?)
  ON CONFLICT (case_id) DO UPDATE SET wrapped = NULL, erased_at = excluded.erased_at
  WHERE case_keys.erased_at IS NULL`;
const ERASED_SQL = 'SELECT case_id FROM case_keys WHERE erased_at IS NOT NULL ORDER BY case_id';

/**
 * The cases erased in a key store file, read without its master key (offline tools: a
 * restore carries erasures made since its backup was taken into the restored directory).
 */
export function erasedCasesIn(filename: string): string[] {
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(ERASED_SQL).all() as { case_id: string }[]).map((row) => row.case_id);
  } finally {
    db.close();
  }
}

/** Erases these cases' keys in a key store file, without its master key (erasing needs none). */
export function eraseCasesIn(filename: string, caseIds: readonly string[], at: Date): number {
  const db = openSqlite(filename, 'full');
  try {
    db.pragma('secure_delete = ON');
    const erase = db.prepare(ERASE_SQL);
    const erased = db.transaction(() =>
      caseIds.reduce((sum, caseId) => sum + erase.run(caseId, at.toISOString()).changes, 0),
    )();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return erased;
  } finally {
    db.close();
  }
}

/** The keys asked for in one turn: each found or made when the turn's transaction runs. */
interface KeyBatch {
  asked: Map<string, CaseKey | null>;
  done: Promise<void>;
}

interface KeyRow {
  wrapped: Buffer | null;
  erased_at: string | null;
}

/**
 * The case keys in a SQLite file of their own, apart from the events. Erasing overwrites
 * the key where it was stored (`secure_delete`) and checkpoints the write-ahead log, so no
 * copy of it is left in the file.
 */
export class SqliteCaseKeyStore implements CaseKeyStore {
  private readonly db: Database.Database;
  private readonly wrapping: KeyWrapping;
  private readonly statements;
  private batch: KeyBatch | null = null;

  /** Throws WrongMasterKeyError when the file was made with another master key. */
  constructor(
    private readonly filename: string,
    masterKey: Buffer,
  ) {
    this.db = openSqlite(filename, 'full');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS case_keys (
        case_id TEXT PRIMARY KEY,
        wrapped BLOB,
        erased_at TEXT
      ) STRICT;
      CREATE TABLE IF NOT EXISTS master_key_check (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        value BLOB NOT NULL
      ) STRICT;`);
    this.wrapping = new KeyWrapping(masterKey);
    this.confirmMasterKey();
    this.statements = {
      find: this.db.prepare<[string], KeyRow>(
        'SELECT wrapped, erased_at FROM case_keys WHERE case_id = ?',
      ),
      insert: this.db.prepare(
        'INSERT OR IGNORE INTO case_keys (case_id, wrapped, erased_at) VALUES (?, ?, NULL)',
      ),
      erase: this.db.prepare(ERASE_SQL),
      erased: this.db.prepare<[], { case_id: string }>(ERASED_SQL),
      known: this.db.prepare<[string], { found: number }>(
        'SELECT 1 AS found FROM case_keys WHERE case_id = ?',
      ),
    };
  }

  private confirmMasterKey(): void {
    const row = this.db.prepare('SELECT value FROM master_key_check WHERE id = 1').get() as
      { value: Buffer } | undefined;
    if (row) {
      this.wrapping.confirm(row.value, this.filename);
      return;
    }
    this.db
      .prepare('INSERT INTO master_key_check (id, value) VALUES (1, ?)')
      .run(this.wrapping.checkValue());
  }

  /**
   * Keys asked for in the same turn are found or made in one transaction: a new key must be
   * on disk before its case's first event, and one sync for many new cases keeps appends
   * fast (reads inside the transaction share its snapshot, cheaper than one each).
   */
  keyFor(caseId: string): Promise<CaseKey> {
    if (!this.batch) {
      const batch: KeyBatch = { asked: new Map(), done: Promise.resolve() };
      batch.done = new Promise<void>((resolve, reject) =>
        setImmediate(() => {
          this.batch = null;
          try {
            // IMMEDIATE: it reads then writes, and must not find another writer in between.
            this.db
              .transaction(() => {
                for (const id of batch.asked.keys()) batch.asked.set(id, this.findOrMake(id));
              })
              .immediate();
            resolve();
          } catch (error) {
            reject(error);
          }
        }),
      );
      this.batch = batch;
    }
    const batch = this.batch;
    batch.asked.set(caseId, null);
    return batch.done.then(() => batch.asked.get(caseId)!);
  }

  private findOrMake(caseId: string): CaseKey {
    const found = this.read(caseId);
    if (found.state !== 'missing') return found;
    const key = newDataKey();
    // A row with neither key nor erasure (the key lost): a new key would hide the loss.
    if (this.statements.insert.run(caseId, this.wrapping.wrap(caseId, key)).changes === 0)
      return found;
    return { state: 'present', key };
  }

  async find(caseId: string): Promise<CaseKey> {
    return this.read(caseId);
  }

  async findAll(caseIds: readonly string[]): Promise<Map<string, CaseKey>> {
    // One snapshot for all of them: cheaper than a read transaction each.
    return this.db.transaction(
      () => new Map(caseIds.map((caseId) => [caseId, this.read(caseId)] as const)),
    )();
  }

  private read(caseId: string): CaseKey {
    const row = this.statements.find.get(caseId);
    if (!row) return { state: 'missing' };
    if (row.erased_at !== null) return { state: 'erased', erasedAt: new Date(row.erased_at) };
    if (row.wrapped === null) return { state: 'missing' };
    return { state: 'present', key: this.wrapping.unwrap(caseId, row.wrapped) };
  }

  async erase(caseId: string, at: Date): Promise<void> {
    if (this.statements.erase.run(caseId, at.toISOString()).changes === 0) return;
    // The old page is zeroed in the database; the write-ahead log may hold it until now.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async erasedCases(): Promise<string[]> {
    return this.statements.erased.all().map((row) => row.case_id);
  }

  async withoutKey(caseIds: readonly string[]): Promise<string[]> {
    // One snapshot for all of them (the chain-audit asks about every case at once).
    return this.db.transaction(() =>
      caseIds.filter((caseId) => this.statements.known.get(caseId) === undefined),
    )();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
