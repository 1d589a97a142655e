import type Database from 'better-sqlite3';
import { openSqlite } from '#event-store';
import type { ChainAuditResult, ChainAuditResults } from '../chain-audit-results.port';

/** The audit's results in a SQLite file of their own, one row per run, as JSON. */
export class SqliteChainAuditResults implements ChainAuditResults {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(filename: string) {
    // A result lost to a power cut is found again by the next run: not worth an fsync.
    this.db = openSqlite(filename, 'normal');
    this.db.exec(`CREATE TABLE IF NOT EXISTS chain_audits (
      run_id TEXT PRIMARY KEY,
      finished_at TEXT NOT NULL,
      result TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS chain_audits_by_finish ON chain_audits (finished_at);`);
    this.statements = {
      insert: this.db.prepare(
        'INSERT OR REPLACE INTO chain_audits (run_id, finished_at, result) VALUES (?, ?, ?)',
      ),
      latest: this.db.prepare<[], { result: string }>(
        'SELECT result FROM chain_audits ORDER BY finished_at DESC, rowid DESC LIMIT 1',
      ),
    };
  }

  async record(result: ChainAuditResult): Promise<void> {
    this.statements.insert.run(result.runId, result.finishedAt, JSON.stringify(result));
  }

  async latest(): Promise<ChainAuditResult | null> {
    const row = this.statements.latest.get();
    return row ? (JSON.parse(row.result) as ChainAuditResult) : null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
