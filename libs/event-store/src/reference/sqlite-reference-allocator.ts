import type Database from 'better-sqlite3';
import type { SqliteWriter } from '../sqlite/group-commit';
import { formatReference, type ReferenceAllocator } from './reference-allocator.port';

/**
 * One row per prefix and year, incremented by a single atomic statement, and one row
 * per reference naming its case, written in the same transaction. Asking again for the
 * same case returns its reference rather than a new one. Allocations share the event
 * store's group commits, so a burst of new cases pays for one fsync, not one each.
 */
export class SqliteReferenceAllocator implements ReferenceAllocator {
  private readonly allocate;
  private readonly lookup;

  constructor(private readonly store: SqliteWriter) {
    const db = store.database;
    db.exec(`CREATE TABLE IF NOT EXISTS reference_counters (
      prefix TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (prefix, year));
      CREATE TABLE IF NOT EXISTS case_references (
      reference TEXT PRIMARY KEY, case_id TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS case_references_case ON case_references (case_id)`);
    const increment = db.prepare<[string, number], { last: number }>(
      `INSERT INTO reference_counters (prefix, year, last) VALUES (?, ?, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last`,
    );
    const remember = db.prepare<[string, string]>(
      'INSERT INTO case_references (reference, case_id) VALUES (?, ?)',
    );
    const given = db.prepare<[string, string], { reference: string }>(
      'SELECT reference FROM case_references WHERE case_id = ? AND reference LIKE ? LIMIT 1',
    );
    this.allocate = (prefix: string, year: number, caseId: string) => {
      // A retry for the same case gets the number it was given, so no number is skipped.
      const earlier = given.get(caseId, `${prefix}-${year}-%`);
      if (earlier) return earlier.reference;
      const reference = formatReference(prefix, year, increment.get(prefix, year)!.last);
      remember.run(reference, caseId);
      return reference;
    };
    this.lookup = db.prepare<[string], { case_id: string }>(
      'SELECT case_id FROM case_references WHERE reference = ?',
    );
  }

  async next(prefix: string, year: number, caseId: string): Promise<string> {
    return this.store.write(() => this.allocate(prefix, year, caseId));
  }

  async caseIdOf(reference: string): Promise<string | null> {
    return this.lookup.get(reference)?.case_id ?? null;
  }
}

/**
 * In a copy of the store taken at one instant (a backup), forgets the references handed
 * out to cases whose first event had not yet been recorded then — a request between its
 * number and its case — and sets each counter back to the last number in use, so the
 * restored store goes on from its own last case without a gap.
 */
export function forgetReferencesWithoutCases(db: Database.Database, caseCategory: string): void {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('case_references', 'reference_counters')",
    )
    .all();
  if (tables.length < 2) return; // no reference was ever handed out
  db.prepare(
    `DELETE FROM case_references
      WHERE NOT EXISTS (SELECT 1 FROM events WHERE stream = ? || '-' || case_references.case_id)`,
  ).run(caseCategory);
  db.exec(`
    UPDATE reference_counters SET last = COALESCE(
      (SELECT MAX(CAST(substr(reference, length(reference_counters.prefix) + 7) AS INTEGER))
         FROM case_references
        WHERE reference LIKE reference_counters.prefix || '-' || reference_counters.year || '-%'),
      0);
  `);
}
