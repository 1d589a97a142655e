import type Database from 'better-sqlite3';
import { totalFacts } from '../case-facts';
import type { FactFilter, FactTotals, MonthlyStatistics } from '../read-model.port';
import { inList } from './sqlite-fact-counts';

/** Monthly statistics: report facts added up from the `fact_counts` table. */
export class SqliteMonthlyStatistics implements MonthlyStatistics {
  constructor(private readonly db: Database.Database) {}

  async facts(months: readonly string[], filter: FactFilter = {}): Promise<FactTotals> {
    const conditions = [`month IN (${inList(months)})`];
    const params: unknown[] = [...months];
    if (filter.kind) {
      conditions.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.formality) {
      conditions.push('formality = ?');
      params.push(filter.formality);
    }
    return totalFacts(
      this.db
        .prepare<unknown[], { metric: string; value: number; count: number }>(
          `SELECT metric, value, SUM(count) AS count FROM fact_counts
           WHERE ${conditions.join(' AND ')} GROUP BY metric, value`,
        )
        .all(...params),
    );
  }
}
