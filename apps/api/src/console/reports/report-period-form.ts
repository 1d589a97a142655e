import type { FieldError } from '../../http/problem';
import { MONTH, reportMonths, YEAR } from '../../reports/report-period';
import type { MonthsAsked } from '../../reports/report-reader';
import { formText, MAX_SHORT_FIELD } from '../forms/form-text';
import { refusalAsFieldErrors } from '../forms/field-errors';

/** What a report page was asked for: the months as typed (shown back), and what is usable. */
export interface MonthsForm {
  typed: { from: string; to: string };
  asked: MonthsAsked;
  errors: FieldError[];
}

/**
 * Reads `from` and `to` (or `month`, for both) from a report page's address. What cannot
 * be used is said and left out, so the page shows its default period rather than failing.
 */
export function readMonthsForm(query: Record<string, unknown>, maxMonths: number): MonthsForm {
  const month = formText(query.month, MAX_SHORT_FIELD);
  const typed = {
    from: formText(query.from, MAX_SHORT_FIELD) || month,
    to: formText(query.to, MAX_SHORT_FIELD) || month,
  };
  const errors: FieldError[] = [];
  const asked: MonthsAsked = {};
  for (const field of ['from', 'to'] as const) {
    if (typed[field] === '') continue;
    if (MONTH.test(typed[field])) asked[field] = typed[field];
    else errors.push({ field, message: 'Enter a month like 2026-11' });
  }
  if (asked.from && asked.to) {
    try {
      reportMonths(asked.from, asked.to, maxMonths);
    } catch (refusal) {
      errors.push(...(refusalAsFieldErrors(refusal) ?? []));
      return { typed, asked: {}, errors };
    }
  }
  return { typed, asked, errors };
}

/** Reads `year` from the annual report's address; a year not like 2026 is said and left out. */
export function readYearForm(query: Record<string, unknown>): {
  typed: string;
  year?: number;
  errors: FieldError[];
} {
  const typed = formText(query.year, MAX_SHORT_FIELD);
  if (typed === '') return { typed, errors: [] };
  if (YEAR.test(typed)) return { typed, year: Number(typed), errors: [] };
  return { typed, errors: [{ field: 'year', message: 'Enter a year like 2026' }] };
}
