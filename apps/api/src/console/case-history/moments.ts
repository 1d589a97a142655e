import { readTypedTime } from '../case-page/actions/typed-time';

/** The moments the history page is asked about: the case as known at one, and between two. */
export const MOMENTS = ['asOf', 'from', 'to'] as const;
export type Moment = (typeof MOMENTS)[number];

const PARTS = ['day', 'month', 'year', 'time'] as const;
/** More than any date or time a person types: what is typed is shown back, and no more. */
const TYPED_LENGTH = 20;

export interface MomentsAsked {
  /** Each moment typed and read, as an instant (ISO-8601 UTC). */
  instants: Partial<Record<Moment, string>>;
  /** What was typed, by input name (`asOf-day`), to show it back. */
  values: Record<string, string>;
  /** What is wrong, by the id of the first input of the moment (`asOf-day`). */
  fieldErrors: Record<string, string>;
}

const typed = (value: unknown) =>
  typeof value === 'string' ? value.trim().slice(0, TYPED_LENGTH) : '';

/** The moments typed into the page's forms (a GET's query), read as wall-clock times in the zone. */
export function readMoments(query: Record<string, unknown>, timeZone: string): MomentsAsked {
  const asked: MomentsAsked = { instants: {}, values: {}, fieldErrors: {} };
  const blank = new Set<Moment>();
  for (const moment of MOMENTS) {
    const parts = Object.fromEntries(
      PARTS.map((part) => [part, typed(query[`${moment}-${part}`])]),
    );
    for (const part of PARTS) asked.values[`${moment}-${part}`] = parts[part];
    const reading = readTypedTime(parts, timeZone);
    if ('instant' in reading) asked.instants[moment] = reading.instant;
    if ('error' in reading) asked.fieldErrors[`${moment}-day`] = reading.error;
    if ('blank' in reading) blank.add(moment);
  }
  // A difference needs both its moments.
  if (blank.has('from') !== blank.has('to')) {
    const missing = blank.has('from') ? 'from' : 'to';
    asked.fieldErrors[`${missing}-day`] =
      `Enter the ${missing === 'from' ? 'first' : 'second'} moment, for example 22 12 2026 and 4:05pm`;
  }
  return asked;
}
