import type { Collection, Document } from 'mongodb';
import { QUEUE_SORTS } from '../read-model.port';
import { MongoCaseQueue } from './mongo-case-queue';
import {
  CASE_INDEXES,
  OPEN_COUNT_FIELDS,
  queueQuery,
  type CaseDocument,
} from './mongo-queue-query';

/** Whether an index serves the query's equality filter on `prefix` and then its sort in order (or reversed). */
function serves(prefix: string[], sort: Record<string, 1 | -1>) {
  const sortKeys = Object.entries(sort);
  return CASE_INDEXES.some(({ key, partialFilterExpression }) => {
    if (partialFilterExpression) return false;
    const keys = Object.entries(key as Record<string, 1 | -1>);
    if (keys.length < prefix.length + sortKeys.length) return false;
    if (prefix.some((field, i) => keys[i][0] !== field)) return false;
    const rest = keys.slice(prefix.length, prefix.length + sortKeys.length);
    const same = rest.every(([field, d], i) => field === sortKeys[i][0] && d === sortKeys[i][1]);
    const reversed = rest.every(
      ([field, d], i) => field === sortKeys[i][0] && d === -sortKeys[i][1],
    );
    return same || reversed;
  });
}

describe('MongoDB case queue indexes and reads (no server needed)', () => {
  const base = {
    limit: 50,
    now: '2026-11-30T12:00:00.000Z',
    visibility: { scope: 'all' as const },
  };

  it.each(QUEUE_SORTS)('has an index for open cases sorted by %s', (sort) => {
    expect(serves(['isOpen'], queueQuery({ ...base, sort }).sort as never)).toBe(true);
  });

  it.each(QUEUE_SORTS)('has an index for a status filter sorted by %s', (sort) => {
    const { sort: order } = queueQuery({ ...base, sort, status: ['closed'] });
    expect(serves(['status'], order as never)).toBe(true);
  });

  it('counts open cases from an index that holds every field it counts, not the documents', async () => {
    const pipelines: Document[][] = [];
    const cases = {
      aggregate: (pipeline: Document[]) => {
        pipelines.push(pipeline);
        return { toArray: async () => [{ byKind: [], byStage: [], byStatus: [], totals: [] }] };
      },
    } as unknown as Collection<CaseDocument>;
    await new MongoCaseQueue(cases).openCounts({ scope: 'all' }, base.now, base.now);
    const [match, project] = pipelines[0];
    expect(match).toEqual({ $match: { $and: [{ isOpen: true }, {}] } });
    expect(project).toEqual({
      $project: { _id: 0, ...Object.fromEntries(OPEN_COUNT_FIELDS.map((f) => [f, 1])) },
    });
    const covering = CASE_INDEXES.find(({ name }) => name === 'open_counts')!;
    expect(Object.keys(covering.key)).toEqual(['isOpen', ...OPEN_COUNT_FIELDS]);
  });
});
