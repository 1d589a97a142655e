import type Database from 'better-sqlite3';
import { openSqlite } from '#event-store';
import type { ChainAuditResult, ChainAuditResults } from '../chain-audit-results.port';

const SCHEMA = `CREATE TABLE IF NOT EXISTS chain_audits (
  run_id TEXT PRIMARY KEY,
  finished_at TEXT NOT NULL,
  result TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS chain_audits_by_finish ON chain_audits (finished_at);`;

/** The audit's results in a SQLite file of their own, one row per run, as JSON. */
export class SqliteChainAuditResults implements ChainAuditResults {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, string]>;
  private readonly newest: Database.Statement<[], { result: string }>;

  constructor(filename: string) {
    // A result lost to a power cut is found again by the next run: not worth an fsync.
    const db = openSqlite(filename, 'normal');
    db.exec(SCHEMA);
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO chain_audits (run_id, finished_at, result) VALUES (?, ?, ?)',
    );
    this.newest = db.prepare(
      'SELECT result FROM chain_audits ORDER BY finished_at DESC, rowid DESC LIMIT 1',
    );
    this.db = db;
  }

  async record(result: ChainAuditResult): Promise<void> {
    this.insert.run(result.runId, result.finishedAt, JSON.stringify(result));
  }

  async latest(): Promise<ChainAuditResult | null> {
    const row = this.newest.get();
    return row ? (JSON.parse(row.result) as ChainAuditResult) : null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
