import type { DueDate } from '#calendar';
import type { FeedbackPolicy, StagePolicy } from '../../policy/policy';
import type { Deadline, DeadlineKind, Instant } from '../case.model';
import type { RecordedLate } from '../case.events';
import { isOpenDeadline, type Case, type TrackedDeadline } from '../case.state';
import type { DecisionContext } from './decision-context';

const deadline = (kind: DeadlineKind, stage: number | null, due: DueDate): Deadline => ({
  kind,
  stage,
  dueDate: due.dueDate,
  dueBy: due.dueBy.toISOString(),
});

function deadlinesFrom(
  context: DecisionContext,
  stage: number | null,
  from: Instant,
  clocks: { acknowledge: number | null; respond: number | null },
): Deadline[] {
  const start = new Date(from);
  const deadlines: Deadline[] = [];
  if (clocks.acknowledge !== null) {
    deadlines.push(
      deadline(
        'acknowledgement',
        stage,
        context.calendar.workingDaysAfter(start, clocks.acknowledge),
      ),
    );
  }
  if (clocks.respond !== null) {
    deadlines.push(
      deadline('response', stage, context.calendar.workingDaysAfter(start, clocks.respond)),
    );
  }
  return deadlines;
}

/** A complaint stage's clocks, counted from when the stage was entered (receipt or request). */
export function stageDeadlines(
  context: DecisionContext,
  stage: StagePolicy,
  from: Instant,
): Deadline[] {
  return deadlinesFrom(context, stage.stage, from, {
    acknowledge: stage.acknowledgeWithinWorkingDays,
    respond: stage.respondWithinWorkingDays,
  });
}

/** A compliment's or suggestion's clocks; the response one only if a response was asked for. */
export function feedbackDeadlines(
  context: DecisionContext,
  feedback: FeedbackPolicy,
  responseRequested: boolean,
  from: Instant,
): Deadline[] {
  return deadlinesFrom(context, null, from, {
    acknowledge: feedback.acknowledgeWithinWorkingDays,
    respond: responseRequested ? feedback.respondWithinWorkingDays : null,
  });
}

/** The end of the window "within N calendar months of" an instant. */
export function calendarMonthsAfter(
  context: DecisionContext,
  from: Instant,
  months: number | null,
): Instant | null {
  return months === null
    ? null
    : context.calendar.calendarMonthsAfter(new Date(from), months).dueBy.toISOString();
}

/** Deadlines still running: unmet, not yet recorded missed, at the case's current stage, on a live case. */
export function pendingDeadlines(state: Case): TrackedDeadline[] {
  if (state.status === 'closed' || state.status === 'referred-externally') return [];
  return state.deadlines.filter((d) => isOpenDeadline(d) && !d.missed && d.stage === state.stage);
}

/**
 * Of the deadlines an act at `at` meets (these kinds, at the case's stage, still open), the
 * kinds it meets by its own time although they had ended by `now`, when it is recorded:
 * as an event field, present only when there are some.
 */
export function recordedAfterDeadline(
  found: Case,
  kinds: readonly DeadlineKind[],
  at: Instant,
  now: Date,
): RecordedLate {
  const recorded = now.toISOString();
  const late = found.deadlines
    .filter(
      (d) =>
        kinds.includes(d.kind) &&
        d.stage === found.stage &&
        isOpenDeadline(d) &&
        at <= d.dueBy &&
        recorded > d.dueBy,
    )
    .map((d) => d.kind);
  return late.length > 0 ? { recordedAfterDeadline: late } : {};
}
