import type Database from 'better-sqlite3';
import { DUE_FIELDS, type IndexedWork } from '../queue-row';
import type { DueWork, ScheduledWorkIndex } from '../read-model.port';
import { Where } from './sqlite-queue-query';
import { QUEUE_COLUMNS } from './sqlite-queue-row';

/** The jobs' deadline index: each job's due column of the `cases` table, partially indexed. */
export class SqliteScheduledWorkIndex implements ScheduledWorkIndex {
  constructor(private readonly db: Database.Database) {}

  async dueWork(
    job: IndexedWork,
    now: string,
    { limit, after }: { limit: number; after?: DueWork },
  ): Promise<DueWork[]> {
    const column = QUEUE_COLUMNS[DUE_FIELDS[job]];
    const where = new Where().add(`${column} IS NOT NULL`).add(`${column} <= ?`, now);
    if (after) where.add(`(${column}, case_id) > (?, ?)`, after.dueAt, after.caseId);
    return this.db
      .prepare<unknown[], DueWork>(
        `SELECT case_id AS caseId, ${column} AS dueAt FROM cases ${where}
         ORDER BY ${column}, case_id LIMIT ?`,
      )
      .all(...where.params, limit);
  }
}
