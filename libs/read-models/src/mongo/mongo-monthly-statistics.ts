import type { Collection } from 'mongodb';
import { totalFacts } from '../case-facts';
import type { FactFilter, FactTotals, MonthlyStatistics } from '../read-model.port';
import type { CaseDocument } from './mongo-queue-query';

/** Monthly statistics: the facts of the case documents, added up. */
export class MongoMonthlyStatistics implements MonthlyStatistics {
  constructor(private readonly cases: Collection<CaseDocument>) {}

  async facts(months: readonly string[], filter: FactFilter = {}): Promise<FactTotals> {
    const match: Record<string, unknown> = { 'facts.month': { $in: [...months] } };
    if (filter.kind) match.kind = filter.kind;
    if (filter.formality) match.formality = filter.formality;
    const rows = this.cases.aggregate<{ metric: string; value: number }>([
      { $match: match },
      { $unwind: '$facts' },
      { $match: { 'facts.month': { $in: [...months] } } },
      { $project: { _id: 0, metric: '$facts.metric', value: '$facts.value' } },
    ]);
    const collected: Array<{ metric: string; value: number }> = [];
    for await (const row of rows) collected.push(row);
    return totalFacts(collected);
  }
}
