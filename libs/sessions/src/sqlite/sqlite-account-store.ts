import type Database from 'better-sqlite3';
import { openSqlite } from '#event-store';
import type { AccountStore, ResetLinkRecord } from '../account-store.port';

/** Password hashes, reset links and the setup code in a SQLite file of their own. */
export class SqliteAccountStore implements AccountStore {
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = openSqlite(filename, 'full');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS passwords (person_id TEXT PRIMARY KEY, hash TEXT NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS reset_links (
        token_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL, expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS setup_code (only INTEGER PRIMARY KEY CHECK (only = 1), hash TEXT NOT NULL) STRICT;`);
  }

  async passwordHash(personId: string): Promise<string | undefined> {
    const row = this.db
      .prepare<[string], { hash: string }>('SELECT hash FROM passwords WHERE person_id = ?')
      .get(personId);
    return row?.hash;
  }

  async setPasswordHash(personId: string, hash: string): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO passwords (person_id, hash) VALUES (?, ?) ON CONFLICT (person_id) DO UPDATE SET hash = excluded.hash',
      )
      .run(personId, hash);
  }

  async addResetLink(link: ResetLinkRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO reset_links (token_hash, person_id, expires_at) VALUES (?, ?, ?)')
      .run(link.tokenHash, link.personId, link.expiresAt.getTime());
  }

  async findResetLink(tokenHash: string): Promise<ResetLinkRecord | undefined> {
    const row = this.db
      .prepare<[string], { person_id: string; expires_at: number }>(
        'SELECT person_id, expires_at FROM reset_links WHERE token_hash = ?',
      )
      .get(tokenHash);
    return row
      ? { tokenHash, personId: row.person_id, expiresAt: new Date(row.expires_at) }
      : undefined;
  }

  async takeResetLink(tokenHash: string): Promise<ResetLinkRecord | undefined> {
    const row = this.db
      .prepare<[string], { person_id: string; expires_at: number }>(
        'DELETE FROM reset_links WHERE token_hash = ? RETURNING person_id, expires_at',
      )
      .get(tokenHash);
    return row
      ? { tokenHash, personId: row.person_id, expiresAt: new Date(row.expires_at) }
      : undefined;
  }

  async setupCodeHash(): Promise<string | undefined> {
    return this.db.prepare<[], { hash: string }>('SELECT hash FROM setup_code WHERE only = 1').get()
      ?.hash;
  }

  async setSetupCodeHash(hash: string | null): Promise<void> {
    if (hash === null) this.db.prepare('DELETE FROM setup_code').run();
    else
      this.db
        .prepare(
          'INSERT INTO setup_code (only, hash) VALUES (1, ?) ON CONFLICT (only) DO UPDATE SET hash = excluded.hash',
        )
        .run(hash);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
