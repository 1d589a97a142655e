import { ForbiddenException } from '@nestjs/common';
import { caseVisibility, type Actor, type CaseVisibility } from '#domain';
import type { WorkingDayCalendar } from '#calendar';

/** Which cases the person may list; refused (403) for a role that sees none. */
export function listableCases(actor: Actor): CaseVisibility {
  const visibility = caseVisibility(actor);
  if (visibility.scope === 'none') throw new ForbiddenException('Your role does not see cases.');
  return visibility;
}

/** "Due soon" on the dashboard and the worklist: within this many working days. */
export const DUE_SOON_WORKING_DAYS = 2;

/** The end of "due soon" from now. */
export const dueSoonBy = (calendar: WorkingDayCalendar, now: Date): Date =>
  calendar.workingDaysAfter(now, DUE_SOON_WORKING_DAYS).dueBy;
