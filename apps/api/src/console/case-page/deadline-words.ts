import type { WorkingDayCalendar } from '#calendar';
import type { CaseDetailResponse } from '../../cases/case-detail.response';
import { dateInWords, instantInWords } from '../rendering/people-time';
import { deadlinePhrase } from '../worklist/deadline-phrase';
import { DEADLINE_WORDS, capitalised } from '../rendering/vocabulary';

type Deadline = CaseDetailResponse['deadlines'][number];

/** Where a deadline stands, as a tag's colour says it at a glance. */
export type DeadlineStanding = 'met' | 'met-late' | 'recorded-late' | 'due' | 'missed';

export interface DeadlineInWords {
  /** "Response, stage 2". */
  what: string;
  dueDate: string;
  /** The due date as first set, when it was extended since; null otherwise. */
  originalDueDate: string | null;
  /** "Extended from Mon 21 Dec 2026 by 5 working days", when it was. */
  extended: string | null;
  standing: DeadlineStanding;
  /** "Met", "Due in 3 working days", "2 working days late". */
  tag: string;
  /** When it was met, if it was. */
  detail: string | null;
}

function standingOf(deadline: Deadline, now: Date): DeadlineStanding {
  if (deadline.metAt !== null) {
    if (deadline.missed) return 'met-late';
    return deadline.recordedLate ? 'recorded-late' : 'met';
  }
  return deadline.missed || now.toISOString() > deadline.dueBy ? 'missed' : 'due';
}

function tagOf(
  standing: DeadlineStanding,
  deadline: Deadline,
  now: Date,
  calendar: WorkingDayCalendar,
): string {
  switch (standing) {
    case 'met':
      return 'Met';
    case 'met-late':
      return 'Met late';
    case 'recorded-late':
      return 'Met, recorded late';
    case 'due':
      return capitalised(deadlinePhrase(new Date(deadline.dueBy), now, calendar));
    case 'missed': {
      // Marked missed by the sweep, or its day over: as late as the worklist says.
      const phrase = deadlinePhrase(new Date(deadline.dueBy), now, calendar);
      if (phrase === 'late') return 'Missed';
      // Missed, then extended to a date still to come.
      return now.toISOString() <= deadline.dueBy ? `Missed; now ${phrase}` : `Missed: ${phrase}`;
    }
  }
}

function extendedInWords(deadline: Deadline): string | null {
  if (deadline.extensions.length === 0) return null;
  const days = deadline.extensions.reduce((sum, e) => sum + e.workingDaysAdded, 0);
  const times =
    deadline.extensions.length === 1 ? '' : ` (${deadline.extensions.length} extensions)`;
  return `Extended from ${dateInWords(deadline.originalDueDate)} by ${days} working day${days === 1 ? '' : 's'}${times}`;
}

/** A deadline as the case page shows it: what, when due, and met, missed or how long left. */
export function deadlineInWords(
  deadline: Deadline,
  now: Date,
  calendar: WorkingDayCalendar,
): DeadlineInWords {
  const standing = standingOf(deadline, now);
  return {
    what: `${DEADLINE_WORDS[deadline.kind]}${deadline.stage === null ? '' : `, stage ${deadline.stage}`}`,
    dueDate: deadline.dueDate,
    originalDueDate: deadline.extensions.length > 0 ? deadline.originalDueDate : null,
    extended: extendedInWords(deadline),
    standing,
    tag: tagOf(standing, deadline, now, calendar),
    detail: deadline.metAt && `Met ${instantInWords(deadline.metAt, calendar.timeZone)}`,
  };
}
