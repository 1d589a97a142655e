import type Database from 'better-sqlite3';
import { openSqlite, type Position } from '#event-store';
import {
  positionOfText,
  positionText,
  type SubscriptionCheckpoints,
} from '../subscription-checkpoints.port';

/** Subscribers' checkpoints in a SQLite file of their own: operational, not the case record. */
export class SqliteSubscriptionCheckpoints implements SubscriptionCheckpoints {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(filename: string) {
    this.db = openSqlite(filename, 'normal');
    this.db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (
      name TEXT PRIMARY KEY,
      position TEXT NOT NULL
    ) STRICT;`);
    this.statements = {
      load: this.db.prepare<[string], { position: string }>(
        'SELECT position FROM checkpoints WHERE name = ?',
      ),
      save: this.db.prepare('INSERT OR REPLACE INTO checkpoints (name, position) VALUES (?, ?)'),
    };
  }

  async load(name: string): Promise<Position | null> {
    const row = this.statements.load.get(name);
    return row ? positionOfText(row.position) : null;
  }

  async save(name: string, position: Position): Promise<void> {
    this.statements.save.run(name, positionText(position));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
