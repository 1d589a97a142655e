import type Database from 'better-sqlite3';
import { totalFacts } from '../case-facts';
import type { FactFilter, FactTotals, MonthlyStatistics } from '../read-model.port';
import { inList } from './sqlite-fact-counts';

interface CountedFact {
  month: string;
  metric: string;
  value: number;
  count: number;
}

/** Monthly statistics: report facts added up from the `fact_counts` table. */
export class SqliteMonthlyStatistics implements MonthlyStatistics {
  constructor(private readonly db: Database.Database) {}

  async facts(months: readonly string[], filter: FactFilter = {}): Promise<FactTotals> {
    return totalFacts(this.counted(months, filter, false));
  }

  async factsByMonth(
    months: readonly string[],
    filter: FactFilter = {},
  ): Promise<Map<string, FactTotals>> {
    const rows = this.counted(months, filter, true);
    return new Map(
      months.map((month) => [month, totalFacts(rows.filter((r) => r.month === month))]),
    );
  }

  /** Fact counts in the months, added up over them or (`byMonth`) month by month. */
  private counted(months: readonly string[], filter: FactFilter, byMonth: boolean): CountedFact[] {
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
    if (filter.sections) {
      conditions.push(`(${filter.sections.map(() => 'metric LIKE ?').join(' OR ') || '0'})`);
      params.push(...filter.sections.map((section) => `${section}.%`));
    }
    const month = byMonth ? 'month' : "'' AS month";
    return this.db
      .prepare<unknown[], CountedFact>(
        `SELECT ${month}, metric, value, SUM(count) AS count FROM fact_counts
         WHERE ${conditions.join(' AND ')} GROUP BY ${byMonth ? 'month, ' : ''}metric, value`,
      )
      .all(...params);
  }
}
