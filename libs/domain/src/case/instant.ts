/**
 * An instant as callers write it: ISO-8601 with `Z` or an offset (without one it would be
 * read in the server's zone). The date must exist — 30 February is refused rather than
 * rolled over into March — and be from 2000 on: earlier is a typing mistake in a case
 * system started this century.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const EARLIEST_INSTANT = '2000-01-01T00:00:00.000Z';

export function parseInstant(text: string): Date | null {
  const match = ISO_INSTANT.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] =
    match.slice(1).map((part) => part ?? undefined);
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const calendarDay = new Date(Date.UTC(y, m - 1, d));
  const real =
    calendarDay.getUTCFullYear() === y &&
    calendarDay.getUTCMonth() === m - 1 &&
    calendarDay.getUTCDate() === d &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 14 &&
    Number(offsetMinutes) <= 59;
  if (!real) return null;
  const instant = new Date(Date.parse(text));
  return instant.toISOString() >= EARLIEST_INSTANT ? instant : null;
}
