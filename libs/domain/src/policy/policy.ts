import type { HolidayRegion, LocalDate } from '#calendar';

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
  /** Entering the stage needs the complaint in writing (e.g. DMM stage 2). */
  entryRequiresWriting: boolean;
  /** The next stage must be requested within this many calendar months of this stage's response. */
  nextStageRequestWithinCalendarMonths: number | null;
  /** With no correspondence this long after the response, the scheduler closes the case. */
  autoCloseAfterSilenceCalendarMonths: number | null;
}

/** Compliments and suggestions. */
export interface FeedbackPolicy {
  acknowledgeWithinWorkingDays: number | null;
  /** Applies only when the person asked for a response. */
  respondWithinWorkingDays: number | null;
  autoCloseAfterSilenceCalendarMonths: number | null;
}

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
  };
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
