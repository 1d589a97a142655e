import { addDays, fromDateParts, type LocalDate } from './local-date';

/** How instants are read in a zone: the calendar date, or the wall clock to the minute. */
const READINGS = {
  date: ['en-US', { year: 'numeric', month: '2-digit', day: '2-digit' }],
  clock: [
    'en-GB',
    {
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    },
  ],
} as const satisfies Record<string, [string, Intl.DateTimeFormatOptions]>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and reading, made once: making one costs far more than using it. */
export function formatterFor(
  timeZone: string,
  reading: keyof typeof READINGS = 'date',
): Intl.DateTimeFormat {
  const key = `${reading}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const [locale, options] = READINGS[reading];
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** True when the runtime knows this IANA time zone (e.g. `Europe/London`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date an instant falls on in a time zone. Every zone is within a day of
 * UTC, so it is the instant's UTC date or a neighbour: which one is read off the
 * (cached) starts of those local days, far cheaper than formatting the instant.
 */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const time = instant.getTime();
  if (!Number.isFinite(time)) return formattedLocalDateOf(instant, timeZone);
  const utcDate = instant.toISOString().slice(0, 10) as LocalDate;
  const next = addDays(utcDate, 1);
  if (time >= startOfLocalDay(next, timeZone).getTime()) return next;
  if (time >= startOfLocalDay(utcDate, timeZone).getTime()) return utcDate;
  return addDays(utcDate, -1);
}

/** The same, by formatting the instant in the zone: the definition the fast path must agree with. */
export function formattedLocalDateOf(instant: Date, timeZone: string): LocalDate {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return fromDateParts({ year: part('year'), month: part('month'), day: part('day') });
}

/**
 * The first instant whose local date is `date` or later.
 *
 * Found by bisection over the ±15 hours around UTC midnight that cover every zone's
 * offset, rather than by offset arithmetic, so a day that starts at 01:00 because of a
 * clock change at midnight (as in some zones) is still right.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const key = `${timeZone}|${date}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return new Date(known);
  if (dayStarts.size >= DAY_START_CACHE_LIMIT) dayStarts.clear();
  const start = bisectDayStart(date, timeZone);
  dayStarts.set(key, start);
  return new Date(start);
}

// Deadlines cluster on a few hundred dates, and bisection costs ~27 zone conversions.
const dayStarts = new Map<string, number>();
const DAY_START_CACHE_LIMIT = 20_000;

function bisectDayStart(date: LocalDate, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`);
  let low = utcMidnight - 15 * 3_600_000; // local date is before `date` here
  let high = utcMidnight + 15 * 3_600_000; // and on or after it here
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (formattedLocalDateOf(new Date(middle), timeZone) >= date) high = middle;
    else low = middle;
  }
  return high;
}

/** The last millisecond of `date` in the time zone, as an instant. */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}
