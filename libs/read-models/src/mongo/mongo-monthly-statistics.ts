import type { Collection } from 'mongodb';
import { totalFacts } from '../case-facts';
import type { FactFilter, FactTotals, MonthlyStatistics } from '../read-model.port';
import { escapeRegex, type CaseDocument } from './mongo-queue-query';

/** Monthly statistics: the facts of the case documents, added up. */
export class MongoMonthlyStatistics implements MonthlyStatistics {
  constructor(private readonly cases: Collection<CaseDocument>) {}

  async facts(months: readonly string[], filter: FactFilter = {}): Promise<FactTotals> {
    return totalFacts(await this.unwound(months, filter));
  }

  async factsByMonth(
    months: readonly string[],
    filter: FactFilter = {},
  ): Promise<Map<string, FactTotals>> {
    const rows = await this.unwound(months, filter);
    return new Map(
      months.map((month) => [month, totalFacts(rows.filter((r) => r.month === month))]),
    );
  }

  /** Every fact in the months (and sections) of the cases matching the filter. */
  private async unwound(months: readonly string[], filter: FactFilter) {
    const match: Record<string, unknown> = { 'facts.month': { $in: [...months] } };
    if (filter.kind) match.kind = filter.kind;
    if (filter.formality) match.formality = filter.formality;
    const fact: Record<string, unknown> = { 'facts.month': { $in: [...months] } };
    if (filter.sections)
      fact['facts.metric'] = {
        $regex: `^(${filter.sections.map(escapeRegex).join('|')})\\.`,
      };
    const rows = this.cases.aggregate<{ month: string; metric: string; value: number }>([
      { $match: match },
      { $unwind: '$facts' },
      { $match: fact },
      {
        $project: { _id: 0, month: '$facts.month', metric: '$facts.metric', value: '$facts.value' },
      },
    ]);
    const collected: Array<{ month: string; metric: string; value: number }> = [];
    for await (const row of rows) collected.push(row);
    return collected;
  }
}
