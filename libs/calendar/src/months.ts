/** A calendar month, `YYYY-MM`: what reports count by. */
export type Month = string;

/** `YYYY-MM`, as a pattern (request validators take one). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isMonth = (value: unknown): value is Month =>
  typeof value === 'string' && MONTH_PATTERN.test(value);

const index = (month: Month) => {
  const [year, number] = month.split('-').map(Number);
  return year * 12 + number - 1;
};

const fromIndex = (at: number): Month =>
  `${Math.floor(at / 12)}-${String((at % 12) + 1).padStart(2, '0')}`;

/** The month `count` months after `month` (before it when negative). */
export const monthsAfter = (month: Month, count: number): Month => fromIndex(index(month) + count);

/** The months from `from` to `to`, inclusive; none when `from` is after `to`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let at = index(from); at <= index(to); at += 1) months.push(fromIndex(at));
  return months;
}
