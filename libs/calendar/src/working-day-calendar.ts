import { BankHolidays, ENGLAND_AND_WALES, type HolidayRegion } from './bank-holidays';
import { addCalendarMonths, addDays, isWeekend, type LocalDate } from './local-date';
import { endOfLocalDay, localDateOf } from './time-zone';

/** A deadline as promised: the local date, and the instant it ends (UTC). */
export interface DueDate {
  dueDate: LocalDate;
  dueBy: Date;
}

export interface WorkingDayCalendarOptions {
  timeZone?: string;
  holidayRegion?: HolidayRegion;
  /** Days the organisation is closed, on top of bank holidays. */
  closures?: readonly LocalDate[];
}

export type NonWorkingReason = 'weekend' | 'bank-holiday' | 'closure';

/**
 * Working days and calendar months as the policies count them (docs/policies.md, "What a
 * working day is"): Monday–Friday in the policy's zone, less the region's bank holidays
 * and the organisation's closure days.
 */
export class WorkingDayCalendar {
  readonly timeZone: string;
  private readonly holidays: BankHolidays;
  private readonly closures: ReadonlySet<LocalDate>;

  constructor(options: WorkingDayCalendarOptions = {}) {
    this.timeZone = options.timeZone ?? 'Europe/London';
    this.holidays = new BankHolidays(options.holidayRegion ?? ENGLAND_AND_WALES);
    this.closures = new Set(options.closures ?? []);
  }

  nonWorkingReason(date: LocalDate): NonWorkingReason | null {
    if (isWeekend(date)) return 'weekend';
    if (this.holidays.isHoliday(date)) return 'bank-holiday';
    if (this.closures.has(date)) return 'closure';
    return null;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.nonWorkingReason(date) === null;
  }

  localDateOf(instant: Date): LocalDate {
    return localDateOf(instant, this.timeZone);
  }

  endOfDay(date: LocalDate): Date {
    return endOfLocalDay(date, this.timeZone);
  }

  /**
   * "Within N working days of receipt": the receipt date is day 0 whatever the hour;
   * the Nth working day strictly after it is the due date.
   */
  workingDaysAfter(receivedAt: Date, workingDays: number): DueDate {
    if (!Number.isInteger(workingDays) || workingDays < 1) {
      throw new RangeError(`working days must be a whole number ≥ 1, got ${workingDays}`);
    }
    let date = this.localDateOf(receivedAt);
    for (let counted = 0; counted < workingDays;) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) counted += 1;
    }
    return { dueDate: date, dueBy: this.endOfDay(date) };
  }

  /**
   * "Within N calendar months of date D": the same day-of-month N months on, or that
   * month's last day when it is shorter; the window closes at the end of that day.
   */
  calendarMonthsAfter(from: Date, months: number): DueDate {
    const dueDate = addCalendarMonths(this.localDateOf(from), months);
    return { dueDate, dueBy: this.endOfDay(dueDate) };
  }

  /** Working days in (local date of `from`, local date of `to`]; 0 when `to` is not later. */
  workingDaysBetween(from: Date, to: Date): number {
    const last = this.localDateOf(to);
    let count = 0;
    for (let date = addDays(this.localDateOf(from), 1); date <= last; date = addDays(date, 1)) {
      if (this.isWorkingDay(date)) count += 1;
    }
    return count;
  }
}
