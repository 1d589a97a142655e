import type { Collection } from 'mongodb';
import type { Themes } from '../read-model.port';
import type { CaseDocument } from './mongo-queue-query';

/** Themes: the `received.category.*` facts of the case documents, per month. */
export class MongoThemes implements Themes {
  constructor(private readonly cases: Collection<CaseDocument>) {}

  async themes(months: readonly string[]) {
    const rows = await this.cases
      .aggregate<{ _id: { month: string; metric: string }; count: number }>([
        { $match: { 'facts.month': { $in: [...months] } } },
        { $unwind: '$facts' },
        {
          $match: {
            'facts.month': { $in: [...months] },
            'facts.metric': { $regex: '^received\\.category\\.' },
          },
        },
        {
          $group: {
            _id: { month: '$facts.month', metric: '$facts.metric' },
            count: { $sum: '$facts.value' },
          },
        },
      ])
      .toArray();
    return rows
      .map((row) => ({
        month: row._id.month,
        category: row._id.metric.slice('received.category.'.length),
        count: row.count,
      }))
      .sort(
        (a, b) =>
          a.month.localeCompare(b.month) ||
          b.count - a.count ||
          a.category.localeCompare(b.category),
      );
  }
}
