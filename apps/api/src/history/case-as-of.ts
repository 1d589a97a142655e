import { asCaseEvent, foldCase, type CaseState } from '#domain';
import type { RecordedEvent } from '#event-store';

/** A case as the system knew it at an instant: what it had recorded by then, and what that made. */
export interface CaseAsOf {
  known: RecordedEvent[];
  /** Null before the case's first event was recorded. */
  state: CaseState;
}

/** The case as the system knew it at `instant` (ISO-8601 UTC): by when each event was recorded. */
export function caseAsOf(events: readonly RecordedEvent[], instant: string): CaseAsOf {
  const known = events.filter((event) => event.recordedAt <= instant);
  return { known, state: known.length > 0 ? foldCase(known.map(asCaseEvent)) : null };
}
