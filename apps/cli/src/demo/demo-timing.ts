import { addDays, startOfLocalDay, type LocalDate, type WorkingDayCalendar } from '#calendar';
import type { Channel } from '#domain';
import type { SeededRandom } from './seeded-random';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Relative busyness of each month (January first): busy autumn term, quiet August. */
const MONTH_WEIGHTS = [1.0, 1.0, 1.1, 0.8, 1.0, 0.9, 0.6, 0.4, 1.4, 1.5, 1.3, 0.7];

/**
 * Times in the demo year, in the policy's own calendar: office hours on working days, so
 * a response "in 3 working days" lands where a person would have sent it.
 */
export class DemoTime {
  constructor(
    private readonly calendar: WorkingDayCalendar,
    private readonly random: SeededRandom,
  ) {}

  /** `hour`:`minute` local time on a local date. */
  at(date: LocalDate, hour: number, minute: number): Date {
    return new Date(
      startOfLocalDay(date, this.calendar.timeZone).getTime() + hour * HOUR + minute * MINUTE,
    );
  }

  /** Some time in office hours (09:00–16:59) on that date. */
  officeHours(date: LocalDate): Date {
    return this.at(date, this.random.between(9, 16), this.random.between(0, 59));
  }

  /** The date itself when it is a working day, else the next one. */
  workingDayFrom(date: LocalDate): LocalDate {
    let day = date;
    while (!this.calendar.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** Office hours on the `n`th working day after `from` (n ≥ 1). */
  workingDaysAfter(from: Date, n: number): Date {
    return this.officeHours(this.calendar.workingDaysAfter(from, n).dueDate);
  }

  /** Office hours, between `min` and `max` working days after `from`. */
  within(from: Date, min: number, max: number): Date {
    return this.workingDaysAfter(from, this.random.between(min, max));
  }

  /** Office hours on a working day about `days` calendar days after `from`. */
  daysAfter(from: Date, days: number): Date {
    return this.officeHours(this.workingDayFrom(addDays(this.calendar.localDateOf(from), days)));
  }

  /** A few hours later the same day (the same call, the same visit). */
  hoursAfter(from: Date, min: number, max: number): Date {
    return new Date(from.getTime() + this.random.between(min * 60, max * 60) * MINUTE);
  }

  /** Before `dueBy` (a deadline's, or a window's end): a working day after `from`, up to it. */
  inTime(from: Date, dueBy: Date): Date {
    const days = this.calendar.workingDaysBetween(from, dueBy);
    if (days < 1) return new Date(Math.min(this.hoursAfter(from, 1, 3).getTime(), dueBy.getTime()));
    return this.workingDaysAfter(from, this.random.between(1, days));
  }

  /** Late for a deadline due by `dueBy`: one to four working days after it. */
  late(dueBy: Date): Date {
    return this.within(dueBy, 1, 4);
  }

  /** A receipt date in [from, to): any day, busier in some months than others. */
  receiptDate(from: Date, to: Date): LocalDate {
    const first = this.calendar.localDateOf(from);
    const days = Math.max(1, Math.floor((to.getTime() - from.getTime()) / (24 * HOUR)));
    const busiest = Math.max(...MONTH_WEIGHTS);
    for (;;) {
      const date = addDays(first, this.random.between(0, days - 1));
      const month = Number(date.slice(5, 7));
      if (this.random.chance(MONTH_WEIGHTS[month - 1] / busiest)) return date;
    }
  }

  /**
   * When feedback arriving on `date` by `channel` is received: visits, calls and post in
   * office hours on working days; e-mails and web forms also in evenings and at weekends.
   */
  receiptTime(date: LocalDate, channel: Channel): Date {
    if (channel === 'letter')
      return this.at(
        this.workingDayFrom(date),
        this.random.between(9, 11),
        this.random.between(0, 59),
      );
    if ((channel === 'email' || channel === 'web-form') && this.random.chance(0.3))
      return this.at(date, this.random.between(7, 21), this.random.between(0, 59));
    return this.officeHours(this.workingDayFrom(date));
  }
}
