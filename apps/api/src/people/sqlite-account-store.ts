import Database from 'better-sqlite3';
import type { AccountStore, ApiTokenRecord, ResetLinkRecord } from './account-store.port';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS passwords (
  person_id TEXT PRIMARY KEY, hash TEXT NOT NULL, changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reset_links (
  token_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL, created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY, person_id TEXT NOT NULL, name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
  last_used_at TEXT, revoked_at TEXT);
CREATE INDEX IF NOT EXISTS api_tokens_person ON api_tokens (person_id, created_at);
CREATE TABLE IF NOT EXISTS digest_opt_outs (person_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS setup_code (
  only_one INTEGER PRIMARY KEY CHECK (only_one = 1), code_hash TEXT NOT NULL);
`;

interface ApiTokenRow {
  id: string;
  person_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const tokenOf = (row: ApiTokenRow): ApiTokenRecord => ({
  id: row.id,
  personId: row.person_id,
  name: row.name,
  tokenHash: row.token_hash,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** The embedded profile's accounts: one SQLite file in the data directory (`accounts.db`). */
export class SqliteAccountStore implements AccountStore {
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  async digestOptOuts(): Promise<Set<string>> {
    const rows = this.db
      .prepare<[], { person_id: string }>('SELECT person_id FROM digest_opt_outs')
      .all();
    return new Set(rows.map((row) => row.person_id));
  }

  async setDigestWanted(personId: string, wanted: boolean): Promise<void> {
    this.db
      .prepare(
        wanted
          ? 'DELETE FROM digest_opt_outs WHERE person_id = ?'
          : 'INSERT OR IGNORE INTO digest_opt_outs (person_id) VALUES (?)',
      )
      .run(personId);
  }

  async passwordHash(personId: string): Promise<string | null> {
    const row = this.db
      .prepare<[string], { hash: string }>('SELECT hash FROM passwords WHERE person_id = ?')
      .get(personId);
    return row?.hash ?? null;
  }

  async setPasswordHash(personId: string, hash: string, at: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO passwords (person_id, hash, changed_at) VALUES (?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET hash = excluded.hash, changed_at = excluded.changed_at`,
      )
      .run(personId, hash, at.toISOString());
  }

  async addResetLink(link: ResetLinkRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO reset_links (token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(link.tokenHash, link.personId, link.createdAt, link.expiresAt);
  }

  async takeResetLink(tokenHash: string): Promise<ResetLinkRecord | null> {
    const row = this.db
      .prepare<[string], { person_id: string; created_at: string; expires_at: string }>(
        'DELETE FROM reset_links WHERE token_hash = ? RETURNING person_id, created_at, expires_at',
      )
      .get(tokenHash);
    return row
      ? { tokenHash, personId: row.person_id, createdAt: row.created_at, expiresAt: row.expires_at }
      : null;
  }

  async addApiToken(token: ApiTokenRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO api_tokens (id, person_id, name, token_hash, created_at, expires_at, last_used_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        token.id,
        token.personId,
        token.name,
        token.tokenHash,
        token.createdAt,
        token.expiresAt,
        token.lastUsedAt,
        token.revokedAt,
      );
  }

  async apiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const row = this.db
      .prepare<[string], ApiTokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?')
      .get(tokenHash);
    return row ? tokenOf(row) : null;
  }

  async apiTokensOf(personId: string): Promise<ApiTokenRecord[]> {
    return this.db
      .prepare<[string], ApiTokenRow>(
        'SELECT * FROM api_tokens WHERE person_id = ? ORDER BY created_at DESC, id',
      )
      .all(personId)
      .map(tokenOf);
  }

  async revokeApiToken(personId: string, tokenId: string, at: Date): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND person_id = ? AND revoked_at IS NULL',
      )
      .run(at.toISOString(), tokenId, personId);
    return changes === 1;
  }

  async markApiTokenUsed(tokenId: string, at: Date): Promise<void> {
    this.db
      .prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?')
      .run(at.toISOString(), tokenId);
  }

  async setSetupCode(codeHash: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO setup_code (only_one, code_hash) VALUES (1, ?)
         ON CONFLICT (only_one) DO UPDATE SET code_hash = excluded.code_hash`,
      )
      .run(codeHash);
  }

  async takeSetupCode(codeHash: string): Promise<boolean> {
    return (
      this.db.prepare('DELETE FROM setup_code WHERE code_hash = ?').run(codeHash).changes === 1
    );
  }

  async hasSetupCode(): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM setup_code').get() !== undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
