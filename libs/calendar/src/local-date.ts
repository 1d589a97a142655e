/**
 * A calendar date with no time and no zone, written `YYYY-MM-DD`.
 * Arithmetic is done on the proleptic Gregorian calendar through UTC, where every day
 * has 24 hours, so it is independent of any time zone.
 */
export type LocalDate = string & { readonly __brand?: 'LocalDate' };

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface DateParts {
  year: number;
  month: number; // 1–12
  day: number;
}

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function toDateParts(date: LocalDate): DateParts {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`Not a local date (YYYY-MM-DD): ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function fromDateParts({ year, month, day }: DateParts): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtcDayNumber(date: LocalDate): number {
  const { year, month, day } = toDateParts(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromUtcDayNumber(dayNumber: number): LocalDate {
  const d = new Date(dayNumber * DAY_MS);
  return fromDateParts({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  });
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcDayNumber(toUtcDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(toUtcDayNumber(date) * DAY_MS).getUTCDay();
}

export function isWeekend(date: LocalDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/**
 * The same day-of-month `months` months later; when that month is shorter, its last day
 * (31 January + 1 month = 28 or 29 February).
 */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = toDateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return fromDateParts({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** `YYYY-MM` of a date: the month it falls in, for monthly reporting. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}
