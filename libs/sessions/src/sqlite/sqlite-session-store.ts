import type Database from 'better-sqlite3';
import { openSqlite } from '#event-store';
import type { SessionRecord, SessionStore } from '../session-store.port';

interface SessionRow {
  id: string;
  person_id: string | null;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
}

const toRecord = (row: SessionRow): SessionRecord => ({
  id: row.id,
  personId: row.person_id,
  csrfToken: row.csrf_token,
  createdAt: new Date(row.created_at),
  lastSeenAt: new Date(row.last_seen_at),
});

/** Sessions in a SQLite file of their own: losing it signs everybody out and loses nothing else. */
export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(filename: string) {
    // A session lost to a power cut means signing in again: not worth an fsync per page.
    this.db = openSqlite(filename, 'normal');
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY,
      person_id TEXT,
      csrf_token TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS sessions_by_person ON sessions (person_id);`);
    this.statements = {
      insert: this.db.prepare(
        'INSERT INTO sessions (id, person_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
      ),
      find: this.db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
      touch: this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?'),
      remove: this.db.prepare('DELETE FROM sessions WHERE id = ?'),
      removeForPerson: this.db.prepare('DELETE FROM sessions WHERE person_id = ?'),
      removeExpired: this.db.prepare(
        'DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?',
      ),
    };
  }

  async create(session: SessionRecord): Promise<void> {
    this.statements.insert.run(
      session.id,
      session.personId,
      session.csrfToken,
      session.createdAt.getTime(),
      session.lastSeenAt.getTime(),
    );
  }

  async find(id: string): Promise<SessionRecord | undefined> {
    const row = this.statements.find.get(id);
    return row ? toRecord(row) : undefined;
  }

  async touch(id: string, at: Date): Promise<void> {
    this.statements.touch.run(at.getTime(), id);
  }

  async remove(id: string): Promise<void> {
    this.statements.remove.run(id);
  }

  async removeForPerson(personId: string): Promise<number> {
    return this.statements.removeForPerson.run(personId).changes;
  }

  async removeExpired(idleBefore: Date, startedBefore: Date): Promise<number> {
    return this.statements.removeExpired.run(idleBefore.getTime(), startedBefore.getTime()).changes;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
