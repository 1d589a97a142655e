import { WorkingDayCalendar } from '#calendar';
import type { Policy } from './policy';

/** The working-day calendar a policy's deadlines are counted on. */
export function calendarFor(policy: Policy): WorkingDayCalendar {
  return new WorkingDayCalendar({
    timeZone: policy.timeZone,
    holidayRegion: policy.holidayRegion,
    closures: policy.closures,
  });
}
