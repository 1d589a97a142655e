import type { WorkingDayCalendar } from '#calendar';

const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

/**
 * How far a deadline is, in the policy's working days, as a manager says it: "due in 3
 * working days", "due today", "2 working days late". A deadline ends at the end of its
 * day, so "late" starts the next morning; late over a weekend only is "late".
 */
export function deadlinePhrase(dueBy: Date, now: Date, calendar: WorkingDayCalendar): string {
  if (now.getTime() > dueBy.getTime()) {
    const late = calendar.workingDaysBetween(dueBy, now);
    return late === 0 ? 'late' : `${days(late)} late`;
  }
  if (calendar.localDateOf(now) === calendar.localDateOf(dueBy)) return 'due today';
  return `due in ${days(calendar.workingDaysBetween(now, dueBy))}`;
}
