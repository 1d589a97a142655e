import type Database from 'better-sqlite3';
import { formatReference, type ReferenceAllocator } from './reference-allocator.port';

/**
 * One row per prefix and year, incremented by a single atomic statement, and one row
 * per reference naming its case, written in the same transaction.
 */
export class SqliteReferenceAllocator implements ReferenceAllocator {
  private readonly allocate;
  private readonly lookup;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS reference_counters (
      prefix TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (prefix, year));
      CREATE TABLE IF NOT EXISTS case_references (
      reference TEXT PRIMARY KEY, case_id TEXT NOT NULL) WITHOUT ROWID`);
    const increment = db.prepare<[string, number], { last: number }>(
      `INSERT INTO reference_counters (prefix, year, last) VALUES (?, ?, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last`,
    );
    const remember = db.prepare<[string, string]>(
      'INSERT INTO case_references (reference, case_id) VALUES (?, ?)',
    );
    this.allocate = db.transaction((prefix: string, year: number, caseId: string) => {
      const reference = formatReference(prefix, year, increment.get(prefix, year)!.last);
      remember.run(reference, caseId);
      return reference;
    });
    this.lookup = db.prepare<[string], { case_id: string }>(
      'SELECT case_id FROM case_references WHERE reference = ?',
    );
  }

  async next(prefix: string, year: number, caseId: string): Promise<string> {
    return this.allocate.immediate(prefix, year, caseId);
  }

  async caseIdOf(reference: string): Promise<string | null> {
    return this.lookup.get(reference)?.case_id ?? null;
  }
}
