import type { HolidayRegion, LocalDate } from '#calendar';
import type { Role } from '../case/case.model';

/**
 * Who decides at an internal stage. Staff count only on cases they take part in (as
 * Recipient or Owner); anyone who may act on a case may still add notes, documents and
 * correspondence to it, whatever its stage.
 */
export interface StageDeciders {
  /** May record the stage's response and close the case while it is at this stage. */
  respondAndClose: Role[];
  /** May move the complaint on from this stage to the next (record the request for it). */
  moveOn: Role[];
}

/** One stage of the complaints procedure. Durations are `null` where the policy sets none. */
export interface StagePolicy {
  stage: number;
  name: string;
  /** Who handles it, in the policy's words (e.g. "Operations Manager"). */
  handledBy: string;
  /** An external body's stage: recorded as a referral, no internal clock. */
  external: boolean;
  externalBody: { name: string; contact: string | null } | null;
  acknowledgeWithinWorkingDays: number | null;
  respondWithinWorkingDays: number | null;
  /**
   * How many working days extensions may add to each of the stage's deadlines in all,
   * beyond which only a senior manager's override with a reason extends; null: none.
   */
  extensionMaxWorkingDays: number | null;
  /** Entering the stage needs the complaint in writing (e.g. DMM stage 2). */
  entryRequiresWriting: boolean;
  /** The next stage must be requested within this many calendar months of this stage's response. */
  nextStageRequestWithinCalendarMonths: number | null;
  /** With no correspondence this long after the response, the scheduler closes the case. */
  autoCloseAfterSilenceCalendarMonths: number | null;
  /** Null for an external stage, which has no internal handler. */
  decidedBy: StageDeciders | null;
}

/** When staff are told about their cases. */
export interface StaffNotificationPolicy {
  /** A deadline's reminder goes this many working days before it is due. */
  reminderWorkingDaysBefore: number;
  /** Managers hear of an open case with no activity for this many working days; null: never. */
  stalledAfterWorkingDays: number | null;
}

/** Compliments and suggestions. */
export interface FeedbackPolicy {
  acknowledgeWithinWorkingDays: number | null;
  /** Applies only when the person asked for a response. */
  respondWithinWorkingDays: number | null;
  autoCloseAfterSilenceCalendarMonths: number | null;
}

/**
 * How long a closed case's personal data is kept: whole calendar years after its closing
 * day, in the policy's time zone (further education guidance: the end of the
 * relationship plus six years).
 */
export interface RetentionPolicy {
  personalDataYearsAfterClosure: number;
}

/** When a policy file says nothing about retention. */
export const DEFAULT_RETENTION_YEARS = 6;
/** The longest retention a policy may set, in years: a typo like 60 is caught. */
export const MAX_RETENTION_YEARS = 50;

export interface Policy {
  id: string;
  version: string;
  name: string;
  organisation: string;
  referencePrefix: string;
  timeZone: string;
  holidayRegion: HolidayRegion;
  closures: LocalDate[];
  rules: {
    /** A complaint received in writing is formal, whatever the caller says (MaCTRI 5.2). */
    writtenComplaintsAreFormal: boolean;
    /** An informal complaint still open after its receipt day moves to the next stage (MaCTRI 5.2). */
    unresolvedSameDayEscalates: boolean;
    /**
     * A stage's response is given by someone other than who gave the last stage's (the UK
     * Housing Ombudsman's complaint handling code asks for it).
     */
    nextStageHandledBySomeoneElse: boolean;
  };
  /** When staff are told by e-mail (the `reminders` and `digest` jobs). */
  notifications: StaffNotificationPolicy;
  /** How long personal data is kept (the `retention` job erases it after). */
  retention: RetentionPolicy;
  complaints: {
    informalEntryStage: number;
    formalEntryStage: number;
    stages: StagePolicy[];
  };
  feedback: {
    compliment: FeedbackPolicy;
    suggestion: FeedbackPolicy;
  };
  /** Where the policy file departs from or adds to the organisation's written policy, and why. */
  notes: string[];
}
