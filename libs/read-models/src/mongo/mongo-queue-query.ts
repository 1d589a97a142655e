import type { Document, Filter, Sort } from 'mongodb';
import type { CaseVisibility } from '#domain';
import { DUE_FIELDS, type IndexedWork, type QueueRow } from '../queue-row';
import type { DueWork, QueueQuery } from '../read-model.port';

/**
 * A case's document in the `cases` collection of a generation: its queue row (as the
 * SQLite queue table holds it, keyed by `_id`), its state and its report facts.
 */
export interface CaseDocument extends Omit<QueueRow, 'caseId'> {
  _id: string;
  state: unknown;
  eventFacts: unknown[];
  summary: unknown;
  facts: Array<{ month: string; metric: string; value: number }>;
}

/** A job's candidates: due by `now`, soonest first, after the previous page's last. */
export function dueWorkQuery(
  job: IndexedWork,
  now: string,
  after?: DueWork,
): { filter: Filter<CaseDocument>; sort: Sort; field: (typeof DUE_FIELDS)[IndexedWork] } {
  const field = DUE_FIELDS[job];
  const due: Filter<CaseDocument> = { [field]: { $type: 'string', $lte: now } };
  const filter: Filter<CaseDocument> = after
    ? {
        $and: [
          due,
          {
            $or: [
              { [field]: { $gt: after.dueAt } },
              { [field]: after.dueAt, _id: { $gt: after.caseId } },
            ],
          },
        ],
      }
    : due;
  return { filter, sort: { [field]: 1, _id: 1 }, field };
}

export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function visibilityFilter(visibility: CaseVisibility): Filter<CaseDocument> {
  if (visibility.scope === 'none') return { _id: { $in: [] } };
  if (visibility.scope === 'participant')
    return { $or: [{ recipientId: visibility.personId }, { ownerId: visibility.personId }] };
  return {};
}

const SORTS = {
  dueBy: { field: 'dueAsc', direction: 1 },
  '-dueBy': { field: 'dueDesc', direction: -1 },
  receivedAt: { field: 'receivedAt', direction: 1 },
  '-receivedAt': { field: 'receivedAt', direction: -1 },
} as const;

/** `GET /cases` as a MongoDB filter and sort: the same rows, in the same order, as the SQLite store. */
export function queueQuery(query: QueueQuery): {
  filter: Filter<CaseDocument>;
  sort: Sort;
  field: keyof CaseDocument;
} {
  const and: Filter<CaseDocument>[] = [visibilityFilter(query.visibility)];
  if (query.status === undefined) and.push({ isOpen: true });
  // None listed: any status, as in the SQLite store.
  else if (query.status.length > 0) and.push({ status: { $in: query.status } });
  if (query.kind) and.push({ kind: query.kind });
  if (query.stage !== undefined) and.push({ stage: query.stage });
  if (query.ownerId) and.push({ ownerId: query.ownerId });
  if (query.unassigned) and.push({ ownerId: null });
  if (query.overdue) and.push({ nextDueBy: { $ne: null, $lt: query.now } });
  if (query.dueBefore) and.push({ nextDueBy: { $ne: null, $lte: query.dueBefore } });
  if (query.dueFrom) and.push({ nextDueBy: { $ne: null, $gte: query.dueFrom } });
  if (query.category) and.push({ categories: query.category });
  if (query.q) and.push({ search: { $regex: escapeRegex(query.q.toLowerCase()) } });
  if (query.receivedFrom) and.push({ receivedAt: { $gte: query.receivedFrom } });
  if (query.receivedTo) and.push({ receivedAt: { $lte: query.receivedTo } });
  if (query.retentionDueBy) and.push({ retentionDue: { $ne: null, $lte: query.retentionDueBy } });
  if (query.underLegalHold) and.push({ legalHoldSince: { $ne: null } });
  if (query.figure)
    and.push({
      facts: {
        $elemMatch: {
          month: { $in: query.figure.months },
          metric: { $regex: `^${escapeRegex(query.figure.metric)}(\\.|$)` },
        },
      },
    });
  const { field, direction } = SORTS[query.sort];
  if (query.cursor) {
    const beyond = direction === 1 ? '$gt' : '$lt';
    and.push({
      $or: [
        { [field]: { [beyond]: query.cursor.after } },
        { [field]: query.cursor.after, _id: { [beyond]: query.cursor.id } },
      ],
    } as Filter<CaseDocument>);
  }
  const nonEmpty = and.filter((part) => Object.keys(part).length > 0);
  return {
    filter: nonEmpty.length === 0 ? {} : nonEmpty.length === 1 ? nonEmpty[0] : { $and: nonEmpty },
    sort: { [field]: direction, _id: direction },
    field,
  };
}

/**
 * What the dashboard counts of open cases, with the visibility fields: all in one index,
 * so the counts are read from it alone, never from the (large) case documents.
 */
export const OPEN_COUNT_FIELDS = [
  'kind',
  'stage',
  'status',
  'nextDueBy',
  'ownerId',
  'recipientId',
] as const;

/** The indexes the queue and reports use. */
export const CASE_INDEXES: Array<{
  key: Document;
  name: string;
  partialFilterExpression?: Document;
}> = [
  { key: { isOpen: 1, dueAsc: 1, _id: 1 }, name: 'open_due_asc' },
  { key: { isOpen: 1, dueDesc: -1, _id: -1 }, name: 'open_due_desc' },
  { key: { isOpen: 1, receivedAt: 1, _id: 1 }, name: 'open_received' },
  { key: { dueAsc: 1, _id: 1 }, name: 'due_asc' },
  { key: { receivedAt: 1, _id: 1 }, name: 'received' },
  // A status filter (closed cases, say) takes the place of the open filter.
  { key: { status: 1, dueAsc: 1, _id: 1 }, name: 'status_due_asc' },
  { key: { status: 1, dueDesc: -1, _id: -1 }, name: 'status_due_desc' },
  { key: { status: 1, receivedAt: 1, _id: 1 }, name: 'status_received' },
  {
    key: { isOpen: 1, ...Object.fromEntries(OPEN_COUNT_FIELDS.map((field) => [field, 1])) },
    name: 'open_counts',
  },
  { key: { ownerId: 1, isOpen: 1, dueAsc: 1 }, name: 'owner' },
  { key: { recipientId: 1, isOpen: 1, dueAsc: 1 }, name: 'recipient' },
  { key: { categories: 1 }, name: 'categories' },
  // A subject access request's lookup (multikey: one entry per key of the case's people).
  { key: { people: 1 }, name: 'people' },
  { key: { 'facts.month': 1 }, name: 'fact_months' },
  {
    key: { legalHoldSince: 1, _id: 1 },
    name: 'legal_hold',
    partialFilterExpression: { legalHoldSince: { $type: 'string' } },
  },
  ...Object.values(DUE_FIELDS).map((field) => ({
    key: { [field]: 1, _id: 1 },
    name: field,
    // Only cases with work for the job: most cases have none for most jobs.
    partialFilterExpression: { [field]: { $type: 'string' } },
  })),
];
