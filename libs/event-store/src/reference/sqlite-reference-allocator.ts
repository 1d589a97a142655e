import type Database from 'better-sqlite3';
import { formatReference, type ReferenceAllocator } from './reference-allocator.port';

/** One row per prefix and year, incremented by a single atomic statement. */
export class SqliteReferenceAllocator implements ReferenceAllocator {
  private readonly increment;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS reference_counters (
      prefix TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (prefix, year))`);
    this.increment = db.prepare<[string, number], { last: number }>(
      `INSERT INTO reference_counters (prefix, year, last) VALUES (?, ?, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last`,
    );
  }

  async next(prefix: string, year: number): Promise<string> {
    return formatReference(prefix, year, this.increment.get(prefix, year)!.last);
  }
}
