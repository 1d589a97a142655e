import type { CaseEvent } from './case.events';
import { foldCase, type CaseState } from './case.state';
import { autoCloseCase } from './decisions/close-case.decision';
import { recordMissedDeadlines } from './decisions/case-records.decision';
import type { DecisionContext } from './decisions/decision-context';
import { escalateUnresolvedSameDay } from './decisions/escalate-case.decision';
import { scheduledWork, type CatchUpJob } from './scheduled-work';
import type { CaseCommand } from './case.commands';
import { givenBusinessTime } from './business-time';
import { parseInstant } from './instant';

const SYSTEM = { id: 'system:catch-up', roles: [] } as const;

/** Each job's decision, as the job's command would reach it. */
const JOB_DECISIONS: Record<
  CatchUpJob,
  (state: CaseState, context: DecisionContext) => CaseEvent[]
> = {
  'sla-sweep': (state, context) =>
    recordMissedDeadlines(
      { type: 'RecordMissedDeadlines', actor: SYSTEM, data: {} },
      state,
      context,
    ),
  'auto-close': (state, context) =>
    autoCloseCase({ type: 'AutoCloseCase', actor: SYSTEM, data: {} }, state, context),
  'same-day-escalation': (state, context) =>
    escalateUnresolvedSameDay(
      { type: 'EscalateUnresolvedSameDay', actor: SYSTEM, data: {} } satisfies CaseCommand,
      state,
      context,
    ),
};

/** A job's work brings at most a few more (an escalation's new deadlines): this bounds a loop gone wrong. */
const MAX_STEPS = 32;

/**
 * What the scheduled jobs would have recorded on this case by `asOf` had they run the
 * moment each piece fell due: the earliest due work first, each decided at its own instant,
 * until nothing more is due by `asOf`.
 */
export function dueSystemWork(
  state: CaseState,
  context: DecisionContext,
  asOf: string,
): CaseEvent[] {
  const recorded: CaseEvent[] = [];
  let current = state;
  for (let step = 0; current !== null && step < MAX_STEPS; step += 1) {
    const { retention: _notCaughtUp, ...work } = scheduledWork(current, context);
    const next = earliest(work);
    if (next === null || next.at > asOf) break;
    const events = JOB_DECISIONS[next.job](current, { ...context, now: new Date(next.at) });
    if (events.length === 0) break;
    recorded.push(...events);
    current = foldCase(events, current);
  }
  return recorded;
}

function earliest(work: Record<CatchUpJob, string | null>): { job: CatchUpJob; at: string } | null {
  let found: { job: CatchUpJob; at: string } | null = null;
  for (const [job, at] of Object.entries(work) as Array<[CatchUpJob, string | null]>)
    if (at !== null && (found === null || at < found.at)) found = { job, at };
  return found;
}

/**
 * When the command's event happened in the world (a letter's arrival, a call), as far as
 * it says and is valid; else now. The decision itself refuses a time that is not valid.
 */
export function businessTimeOf(command: CaseCommand, now: Date): string {
  const given = givenBusinessTime(command)?.given;
  const at = given === undefined ? null : parseInstant(given);
  return (at !== null && at < now ? at : now).toISOString();
}
