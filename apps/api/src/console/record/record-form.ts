import { instantAtLocalTime, isLocalDate, localTimeOf } from '#calendar';
import type { FieldError } from '../../http/problem';

/** The record-feedback form as the browser sends it (nested names: `complainant[name]`). */
export interface RecordForm {
  idempotencyKey?: string;
  kind?: string;
  formality?: string;
  channel?: string;
  receivedDate?: string;
  receivedTime?: string;
  summary?: string;
  details?: string;
  complainant?: { name?: string; email?: string; phone?: string; role?: string; under18?: string };
  hasRepresentative?: string;
  representative?: { name?: string; relationship?: string; email?: string; phone?: string };
  categories?: string;
  assessmentRelated?: string;
  responseRequested?: string;
  ownerId?: string;
  resolvedOnTheDay?: string;
  resolution?: string;
}

/** Words for the API's field paths, at the start of its messages. */
export const RECORD_LABELS: Record<string, string> = {
  kind: 'Kind of feedback',
  formality: 'Formality',
  channel: 'How it came in',
  receivedAt: 'Date and time received',
  summary: 'Summary',
  details: 'Details',
  'complainant.name': 'Their name',
  'complainant.email': 'Their email address',
  'complainant.phone': 'Their phone number',
  'complainant.role': 'Who they are',
  'representative.name': 'Representative’s name',
  'representative.relationship': 'Representative’s relationship',
  'representative.email': 'Representative’s email address',
  'representative.phone': 'Representative’s phone number',
  categories: 'Categories',
  'owner.id': 'Owner',
  'resolvedAtFirstContact.resolution': 'How it was resolved',
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);
const given = (value: unknown) => {
  const t = text(value);
  return t === '' ? undefined : t;
};
const ticked = (value: unknown) => value === 'yes';

/** Typed date and time, read in the policy's zone; errors say what to fix. */
function receivedAt(
  form: RecordForm,
  timeZone: string,
  now: Date,
): { value?: string; errors: FieldError[] } {
  const date = given(form.receivedDate);
  const time = given(form.receivedTime) ?? '';
  if (!date) return { errors: [] };
  if (!isLocalDate(date))
    return {
      errors: [{ field: 'receivedDate', message: 'Enter the date received like 2026-12-31' }],
    };
  const instant = instantAtLocalTime(date, time || '00:00', timeZone);
  if (!instant)
    return {
      errors: [
        {
          field: 'receivedTime',
          message:
            'Enter a time that existed that day, like 14:30 (the clocks went forward that night)',
        },
      ],
    };
  if (instant.getTime() > now.getTime())
    return {
      errors: [
        { field: 'receivedDate', message: 'The date and time received cannot be in the future' },
      ],
    };
  return { value: instant.toISOString(), errors: [] };
}

/** The form as the API's request body, and the errors only the form can find. */
export function recordRequestOf(
  form: RecordForm,
  context: { timeZone: string; now: Date; owner?: { id: string; name: string } },
): { body: Record<string, unknown>; errors: FieldError[] } {
  const received = receivedAt(form, context.timeZone, context.now);
  const kind = given(form.kind);
  const categories = (text(form.categories) ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const body: Record<string, unknown> = {
    kind,
    formality: kind === 'complaint' ? given(form.formality) : undefined,
    channel: given(form.channel),
    receivedAt: received.value,
    summary: text(form.summary) ?? '',
    details: given(form.details),
    complainant: {
      name: text(form.complainant?.name) ?? '',
      email: given(form.complainant?.email),
      phone: given(form.complainant?.phone),
      role: given(form.complainant?.role),
      under18: ticked(form.complainant?.under18) || undefined,
    },
    representative: ticked(form.hasRepresentative)
      ? {
          name: text(form.representative?.name) ?? '',
          relationship: text(form.representative?.relationship) ?? '',
          email: given(form.representative?.email),
          phone: given(form.representative?.phone),
        }
      : undefined,
    categories: categories.length > 0 ? categories : undefined,
    assessmentRelated: ticked(form.assessmentRelated) || undefined,
    responseRequested: ticked(form.responseRequested) || undefined,
    owner: context.owner,
    resolvedAtFirstContact: ticked(form.resolvedOnTheDay)
      ? { resolution: text(form.resolution) ?? '' }
      : undefined,
  };
  return { body: withoutUndefined(body), errors: received.errors };
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [
        k,
        v && typeof v === 'object' && !Array.isArray(v)
          ? withoutUndefined(v as Record<string, unknown>)
          : v,
      ]),
  );
}

/** What the form shows on first opening: received now, in local time. */
export function freshRecordForm(now: Date, timeZone: string, idempotencyKey: string): RecordForm {
  const { date, time } = localTimeOf(now, timeZone);
  return {
    idempotencyKey,
    receivedDate: date,
    receivedTime: time,
    complainant: {},
    representative: {},
  };
}
