import { addDays, type WorkingDayCalendar } from '#calendar';
import { retentionEndsAt, type Policy } from '#domain';
import type { CaseSummary } from '#read-models';
import { dateInWords, instantInWords } from '../rendering/people-time';

/** The address of the retention page: the data-protection role's home. */
export const RETENTION_PAGE = '/data-protection/retention';

/** How far ahead the retention page looks for cases whose personal data is to be erased. */
export const RETENTION_LOOKAHEAD_DAYS = 30;
/** At most this many of each list on the page: more than a person reads before acting. */
export const RETENTION_PAGE_ROWS = 200;

/** The instant up to which the page lists erasures due: the end of the 30th local day ahead. */
export function retentionHorizon(now: Date, calendar: WorkingDayCalendar): string {
  return calendar
    .endOfDay(addDays(calendar.localDateOf(now), RETENTION_LOOKAHEAD_DAYS))
    .toISOString();
}

interface DueRow {
  reference: string;
  href: string;
  closedOn: string;
  erasedOn: string;
  overdue: boolean;
  sortKey: string;
}

/** The rows of cases due for erasure, soonest first, with the day each is (or was) due. */
export function dueRows(
  due: readonly CaseSummary[],
  policy: Policy,
  calendar: WorkingDayCalendar,
  now: Date,
): Omit<DueRow, 'sortKey'>[] {
  const rows: DueRow[] = due
    .filter((found) => found.closedAt !== null)
    .map((found) => {
      const endsAt = retentionEndsAt(found.closedAt!, { policy, calendar });
      return {
        reference: found.reference,
        href: `/cases/${found.reference}`,
        closedOn: dateInWords(calendar.localDateOf(new Date(found.closedAt!))),
        erasedOn: dateInWords(calendar.localDateOf(new Date(endsAt))),
        overdue: endsAt <= now.toISOString(),
        sortKey: `${endsAt} ${found.reference}`,
      };
    });
  return rows
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey))
    .map(({ sortKey: _sortKey, ...row }) => row);
}

/** The rows of cases under a legal hold, longest held first. */
export function heldRows(held: readonly CaseSummary[], timeZone: string) {
  return held
    .filter((found) => found.legalHold !== null)
    .sort((a, b) => a.legalHold!.since.localeCompare(b.legalHold!.since))
    .map((found) => ({
      reference: found.reference,
      href: `/cases/${found.reference}`,
      since: instantInWords(found.legalHold!.since, timeZone),
      reason: found.legalHold!.reason,
      by: found.legalHold!.by.name,
    }));
}
