import type Database from 'better-sqlite3';
import type { Themes } from '../read-model.port';
import { inList } from './sqlite-fact-counts';

/** Themes: the `received.category.*` facts of the `fact_counts` table, per month. */
export class SqliteThemes implements Themes {
  constructor(private readonly db: Database.Database) {}

  async themes(months: readonly string[]) {
    return this.db
      .prepare<unknown[], { month: string; category: string; count: number }>(
        `SELECT month, substr(metric, 19) AS category, SUM(value * count) AS count FROM fact_counts
         WHERE month IN (${inList(months)}) AND metric LIKE 'received.category.%'
         GROUP BY month, metric ORDER BY month, count DESC, category`,
      )
      .all(...months);
  }
}
