import type Database from 'better-sqlite3';
import { openSqlite } from '#event-store';
import { JOB_RUNS_KEPT, type JobRunLog, type JobRunRecord } from '../job-run-log.port';

/** Job runs in a SQLite file of their own: an operational record, not part of the case record. */
export class SqliteJobRunLog implements JobRunLog {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(filename: string) {
    // A run lost to a power cut loses a line of its history and nothing else.
    this.db = openSqlite(filename, 'normal');
    this.db.exec(`CREATE TABLE IF NOT EXISTS job_runs (
      run_id TEXT PRIMARY KEY,
      job TEXT NOT NULL,
      started_at TEXT NOT NULL,
      run TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS job_runs_by_job ON job_runs (job, started_at);`);
    this.statements = {
      insert: this.db.prepare(
        'INSERT OR REPLACE INTO job_runs (run_id, job, started_at, run) VALUES (?, ?, ?, ?)',
      ),
      trim: this.db.prepare(
        `DELETE FROM job_runs WHERE job = ? AND run_id NOT IN
          (SELECT run_id FROM job_runs WHERE job = ? ORDER BY started_at DESC LIMIT ?)`,
      ),
      latest: this.db.prepare<[string, number], { run: string }>(
        'SELECT run FROM job_runs WHERE job = ? ORDER BY started_at DESC LIMIT ?',
      ),
    };
  }

  async record(run: JobRunRecord): Promise<void> {
    this.db.transaction(() => {
      this.statements.insert.run(run.runId, run.job, run.startedAt, JSON.stringify(run));
      this.statements.trim.run(run.job, run.job, JOB_RUNS_KEPT);
    })();
  }

  async latest(job: string, limit: number): Promise<JobRunRecord[]> {
    return this.statements.latest.all(job, limit).map((row) => JSON.parse(row.run) as JobRunRecord);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
