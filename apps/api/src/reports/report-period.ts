import { addDays, MONTH_PATTERN, monthsAfter, monthsBetween, type LocalDate } from '#calendar';
import { InputValidationError } from '../http/problem';

/** A month as reports name it: `2026-11`. */
export const MONTH = MONTH_PATTERN;
export const YEAR = /^\d{4}$/;

/** At most this many months in one monthly report: a column each on screen. */
export const MAX_MONTHLY_REPORT_MONTHS = 24;
/** At most this many months in one themes report. */
export const MAX_THEME_MONTHS = 60;

/** The months from `from` to `to` (both already YYYY-MM), refused if backwards or too many. */
export function reportMonths(from: string, to: string, max: number): string[] {
  const months = monthsBetween(from, to);
  if (months.length === 0)
    throw new InputValidationError([{ field: 'from', message: 'from must not be after to' }]);
  if (months.length > max)
    throw new InputValidationError([{ field: 'from', message: `ask for at most ${max} months` }]);
  return months;
}

/** The first and last dates of a month, as the worklist's "received" filter takes them. */
export function datesOf(month: string): { first: LocalDate; last: LocalDate } {
  const first = `${month}-01`;
  const last = addDays(`${monthsAfter(month, 1)}-01`, -1);
  return { first, last };
}
