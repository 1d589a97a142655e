import type { Collection } from 'mongodb';
import type { Case, CaseVisibility } from '#domain';
import type { CaseSummary } from '../case-summary';
import type { PersonKey } from '../person-keys';
import type {
  CaseQueue,
  OpenCaseCounts,
  OpenCaseTotals,
  QueuePage,
  QueueQuery,
} from '../read-model.port';
import {
  OPEN_COUNT_FIELDS,
  queueQuery,
  visibilityFilter,
  type CaseDocument,
} from './mongo-queue-query';

/** The case queue: pages of the case documents, and the dashboard's counts of open cases. */
export class MongoCaseQueue implements CaseQueue {
  constructor(private readonly cases: Collection<CaseDocument>) {}

  async page(query: QueueQuery): Promise<QueuePage> {
    const { filter, sort, field } = queueQuery(query);
    const documents = await this.cases
      .find(filter, { projection: { summary: 1, [field]: 1 } })
      .sort(sort)
      .limit(query.limit + 1)
      .toArray();
    const items = documents.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((d) => d.summary as CaseSummary),
      next: documents.length > query.limit ? { after: String(last[field]), id: last._id } : null,
    };
  }

  async casesAbout(key: PersonKey): Promise<Case[]> {
    const documents = await this.cases
      .find({ people: key }, { projection: { state: 1 } })
      .sort({ receivedAt: 1, _id: 1 })
      .toArray();
    return documents.map((d) => d.state as Case);
  }

  async openCounts(
    visibility: CaseVisibility,
    now: string,
    dueSoonBy: string,
  ): Promise<OpenCaseCounts> {
    const count = (key: string) => [{ $group: { _id: key, count: { $sum: 1 } } }];
    const [result] = await this.cases
      .aggregate<{
        byKind: Array<{ _id: string; count: number }>;
        byStage: Array<{ _id: number | null; count: number }>;
        byStatus: Array<{ _id: string; count: number }>;
        totals: Array<{ total: number; overdue: number; dueSoon: number; unassigned: number }>;
      }>([
        { $match: { $and: [{ isOpen: true }, visibilityFilter(visibility)] } },
        { $project: { _id: 0, ...Object.fromEntries(OPEN_COUNT_FIELDS.map((f) => [f, 1])) } },
        {
          $facet: {
            byKind: count('$kind'),
            byStage: count('$stage'),
            byStatus: count('$status'),
            totals: [
              {
                $group: {
                  _id: null,
                  total: { $sum: 1 },
                  overdue: {
                    $sum: {
                      $cond: [
                        { $and: [{ $ne: ['$nextDueBy', null] }, { $lt: ['$nextDueBy', now] }] },
                        1,
                        0,
                      ],
                    },
                  },
                  dueSoon: {
                    $sum: {
                      $cond: [
                        {
                          $and: [
                            { $ne: ['$nextDueBy', null] },
                            { $gte: ['$nextDueBy', now] },
                            { $lte: ['$nextDueBy', dueSoonBy] },
                          ],
                        },
                        1,
                        0,
                      ],
                    },
                  },
                  unassigned: { $sum: { $cond: [{ $eq: ['$ownerId', null] }, 1, 0] } },
                },
              },
            ],
          },
        },
      ])
      .toArray();
    const keyed = (rows: Array<{ _id: string | number | null; count: number }>) =>
      Object.fromEntries(rows.map((row) => [String(row._id ?? 'none'), row.count]));
    const totals = result.totals[0] ?? { total: 0, overdue: 0, dueSoon: 0, unassigned: 0 };
    return {
      byKind: keyed(result.byKind),
      byStage: keyed(result.byStage),
      byStatus: keyed(result.byStatus),
      overdue: totals.overdue,
      dueSoon: totals.dueSoon,
      unassigned: totals.unassigned,
      total: totals.total,
    };
  }

  async openTotals(
    visibility: CaseVisibility,
    now: string,
    dueSoonBy: string,
  ): Promise<OpenCaseTotals> {
    const { overdue, dueSoon, unassigned, total } = await this.openCounts(
      visibility,
      now,
      dueSoonBy,
    );
    return { overdue, dueSoon, unassigned, total };
  }
}
