import {
  CASE_STATUSES,
  type CaseKind,
  type CaseStatus,
  type CaseVisibility,
  type Policy,
  CASE_KINDS,
} from '#domain';
import { instantAtLocalTime, isLocalDate, addDays, type LocalDate } from '#calendar';
import { decodeCursor, QUEUE_SORTS, type QueueQuery, type QueueSort } from '#read-models';
import type { FieldError } from '../../http/problem';
import { readFigure } from './report-figure';

/** The statuses of an open case: what the status filter offers (closed cases have their tab). */
export const OPEN_STATUSES = CASE_STATUSES.filter((status) => status !== 'closed');

export const WORKLIST_TABS = [
  { id: 'mine', label: 'Mine' },
  { id: 'unassigned', label: 'Unassigned' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'due-soon', label: 'Due soon' },
  { id: 'open', label: 'All open' },
  { id: 'closed', label: 'Closed' },
] as const;
export type WorklistTab = (typeof WORKLIST_TABS)[number]['id'];

/** What a worklist address asks for: a tab and filters, as typed (shown back in the form). */
export interface WorklistRequest {
  tab: WorklistTab;
  kind?: CaseKind;
  stage?: number;
  status?: CaseStatus;
  category?: string;
  ownerId?: string;
  receivedFrom?: LocalDate;
  receivedTo?: LocalDate;
  q?: string;
  /** With `period`: the cases a report figure counts, open or closed (see report-figure.ts). */
  figure?: string;
  period?: string;
  sort: QueueSort;
  cursor?: string;
}

const MAX_TEXT = 200;

type Query = Record<string, unknown>;
const one = (value: unknown): string | undefined => {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
};

/** Reads the query string; what cannot be used is left out and said, never a failure. */
export function readWorklistRequest(
  query: Query,
  policy: Policy,
): { request: WorklistRequest; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const tab = WORKLIST_TABS.find((t) => t.id === one(query.tab))?.id ?? 'open';
  const request: WorklistRequest = { tab, sort: tab === 'closed' ? '-receivedAt' : 'dueBy' };
  const kind = one(query.kind);
  if (kind !== undefined) {
    if ((CASE_KINDS as readonly string[]).includes(kind)) request.kind = kind as CaseKind;
    else errors.push({ field: 'kind', message: 'Choose a kind of feedback from the list' });
  }
  const stage = one(query.stage);
  if (stage !== undefined) {
    if (policy.complaints.stages.some((s) => String(s.stage) === stage))
      request.stage = Number(stage);
    else errors.push({ field: 'stage', message: 'Choose a stage from the list' });
  }
  const status = one(query.status);
  if (status !== undefined) {
    if ((OPEN_STATUSES as readonly string[]).includes(status))
      request.status = status as CaseStatus;
    else errors.push({ field: 'status', message: 'Choose a status from the list' });
  }
  const [figure, period] = [one(query.figure), one(query.period)];
  if (figure !== undefined || period !== undefined) {
    if (figure !== undefined && period !== undefined && readFigure(figure, period))
      Object.assign(request, { figure, period });
    else
      errors.push({
        field: 'figure',
        message: 'That report figure cannot be shown; all open cases are listed instead',
      });
  }
  for (const field of ['category', 'ownerId', 'q'] as const) {
    const value = one(query[field]);
    if (value === undefined) continue;
    if (value.length > MAX_TEXT)
      errors.push({ field, message: `Use at most ${MAX_TEXT} characters` });
    else request[field] = value;
  }
  for (const field of ['receivedFrom', 'receivedTo'] as const) {
    const value = one(query[field]);
    if (value === undefined) continue;
    if (isLocalDate(value)) request[field] = value;
    else errors.push({ field, message: 'Enter a date like 2026-12-31' });
  }
  const sort = one(query.sort);
  if (sort !== undefined && (QUEUE_SORTS as readonly string[]).includes(sort))
    request.sort = sort as QueueSort;
  const cursor = one(query.cursor);
  if (cursor !== undefined && decodeCursor(cursor) !== null) request.cursor = cursor;
  return { request, errors };
}

/** The read side's query for a worklist request: the tab's rule, then the filters. */
export function queueQueryFor(
  request: WorklistRequest,
  context: {
    personId: string;
    visibility: CaseVisibility;
    now: Date;
    dueSoonBy: Date;
    timeZone: string;
    limit: number;
  },
): QueueQuery {
  const startOf = (date: LocalDate) =>
    instantAtLocalTime(date, '00:00', context.timeZone) ?? new Date(`${date}T00:00:00Z`);
  return {
    kind: request.kind,
    stage: request.stage,
    category: request.category,
    q: request.q,
    ownerId: request.tab === 'mine' ? undefined : request.ownerId,
    receivedFrom: request.receivedFrom && startOf(request.receivedFrom).toISOString(),
    receivedTo:
      request.receivedTo &&
      new Date(startOf(addDays(request.receivedTo, 1)).getTime() - 1).toISOString(),
    status: statusesFor(request),
    figure:
      request.figure && request.period
        ? (readFigure(request.figure, request.period) ?? undefined)
        : undefined,
    unassigned: request.tab === 'unassigned',
    overdue: request.tab === 'overdue',
    dueBefore: request.tab === 'due-soon' ? context.dueSoonBy.toISOString() : undefined,
    dueFrom: request.tab === 'due-soon' ? context.now.toISOString() : undefined,
    sort: request.sort,
    limit: context.limit,
    cursor: request.cursor ? (decodeCursor(request.cursor) ?? undefined) : undefined,
    now: context.now.toISOString(),
    // "Mine": the cases this person received or owns, whatever else their role lets them see.
    visibility:
      request.tab === 'mine'
        ? { scope: 'participant', personId: context.personId }
        : context.visibility,
  };
}

/** A report figure counts cases whatever their status now; a tab or the filter narrows that. */
function statusesFor(request: WorklistRequest): CaseStatus[] | undefined {
  if (request.tab === 'closed') return ['closed'];
  if (request.status) return [request.status];
  return request.figure ? [] : undefined;
}

/** The worklist's address with some of its parameters changed (undefined drops one). */
export function worklistAddress(
  request: WorklistRequest,
  changes: Partial<Record<keyof WorklistRequest, string | number | undefined>>,
  path = '/',
): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...request, ...changes };
  if (!('cursor' in changes)) delete merged.cursor;
  for (const [key, value] of Object.entries(merged))
    if (value !== undefined && value !== '' && !(key === 'tab' && value === 'open'))
      params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
