import type { Case, ScheduledWork } from '#domain';
import type { Fact } from './case-facts';
import type { CaseSummary } from './case-summary';

/** What the read side keeps per case: enough to apply the next event, and what queries read. */
export interface CaseRecord {
  caseId: string;
  /** The revision of the last event applied: a replayed event at or below it changes nothing. */
  revision: number;
  state: Case;
  /** Facts added by events so far (they cannot be recomputed from the state alone). */
  eventFacts: Fact[];
  summary: CaseSummary;
  /** Everything reports count for this case: `eventFacts` plus facts of its present state. */
  facts: Fact[];
  /** From when each scheduled job has work on this case: the jobs' candidates. */
  schedule: ScheduledWork;
}

/** The part of a record the projector needs back to go on. */
export type StoredCase = Pick<CaseRecord, 'caseId' | 'revision' | 'state' | 'eventFacts'>;
