import { addCalendarMonths } from '#calendar';
import type { CaseEvent } from './case.events';
import type { Actor, Instant } from './case.model';
import type { Case } from './case.state';
import { pendingDeadlines } from './decisions/deadlines';
import type { StagePolicy } from '../policy/policy';
import { stagePolicy, type DecisionContext } from './decisions/decision-context';

/** The scheduled jobs, each sending one system command (docs/policies.md, scheduled work). */
export const SCHEDULED_JOBS = [
  'sla-sweep',
  'auto-close',
  'same-day-escalation',
  'retention',
] as const;
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number];
/**
 * The jobs whose work a person's command catches up on first. Not retention: a note added
 * to an old case must not be what erases it; only the job (or the data-protection role) erases.
 */
export type CatchUpJob = Exclude<ScheduledJob, 'retention'>;

/**
 * From when each job has something to record for a case — the instant its event will be
 * dated — or null while it has nothing to do (until another event changes that). The
 * job's decision acts exactly when `now` has reached this instant, so a read model that
 * stores these can name a job's candidates without deciding anything.
 */
export type ScheduledWork = Record<ScheduledJob, Instant | null>;

/** What scheduling may consult: the policy's rules and its calendar, never the time. */
export type PolicyRules = Pick<DecisionContext, 'policy' | 'calendar'>;

/** A deadline is missed, and a window over, from the millisecond after it ends. */
export const justAfter = (instant: Instant): Instant =>
  new Date(Date.parse(instant) + 1).toISOString();

/** sla-sweep: once the soonest deadline still running has passed. */
function missedDeadlineDueAt(found: Case): Instant | null {
  let soonest: Instant | null = null;
  for (const d of pendingDeadlines(found))
    if (soonest === null || d.dueBy < soonest) soonest = d.dueBy;
  return soonest === null ? null : justAfter(soonest);
}

/** auto-close: once the silence window after a response has ended. */
export function autoCloseDueAt(found: Case): Instant | null {
  return found.status === 'responded' && found.autoCloseAt !== null
    ? justAfter(found.autoCloseAt)
    : null;
}

/**
 * same-day-escalation (MaCTRI 5.2): an informal complaint not resolved on the day it was
 * raised moves on at the first instant of the next local day — or, if it was reopened
 * since, at its reopening — unless it was answered on its receipt day.
 */
export function sameDayEscalation(
  found: Case,
  { policy, calendar }: PolicyRules,
): { at: Instant; fromStage: number; target: StagePolicy } | null {
  const fromStage = found.stage;
  if (!policy.rules.unresolvedSameDayEscalates || found.kind !== 'complaint') return null;
  if (fromStage === null || fromStage !== policy.complaints.informalEntryStage) return null;
  if (found.status === 'closed' || found.status === 'referred-externally') return null;
  const target = stagePolicy(policy, fromStage + 1);
  if (!target || target.external) return null;
  const receiptDay = calendar.localDateOf(new Date(found.receivedAt));
  const dayEnded = calendar.endOfDay(receiptDay).getTime() + 1;
  const answeredOnTheDay =
    found.status === 'responded' &&
    found.lastResponseAt !== null &&
    Date.parse(found.lastResponseAt) < dayEnded;
  if (answeredOnTheDay) return null;
  const at = new Date(Math.max(dayEnded, Date.parse(found.stageEnteredAt))).toISOString();
  return { at, fromStage, target };
}

const sameDayEscalationDueAt = (found: Case, rules: PolicyRules): Instant | null =>
  sameDayEscalation(found, rules)?.at ?? null;

/**
 * retention: a closed case's personal data is kept to the end of the closing day's
 * anniversary `personalDataYearsAfterClosure` years on (local, in the policy's zone; the
 * anniversary of 29 February is 28 February in a common year), and erased from the next
 * instant — unless it is erased already or under a legal hold.
 */
export function retentionDueAt(found: Case, rules: PolicyRules): Instant | null {
  if (found.closedAt === null || found.erasure !== null || found.legalHold !== null) return null;
  return retentionEndsAt(found.closedAt, rules);
}

/** The instant from which a case closed at `closedAt` is past the policy's retention period. */
export function retentionEndsAt(closedAt: Instant, { policy, calendar }: PolicyRules): Instant {
  const closingDay = calendar.localDateOf(new Date(closedAt));
  const years = policy.retention.personalDataYearsAfterClosure;
  const lastDayKept = addCalendarMonths(closingDay, 12 * years);
  return justAfter(calendar.endOfDay(lastDayKept).toISOString());
}

export function scheduledWork(found: Case, rules: PolicyRules): ScheduledWork {
  return {
    'sla-sweep': missedDeadlineDueAt(found),
    'auto-close': autoCloseDueAt(found),
    'same-day-escalation': sameDayEscalationDueAt(found, rules),
    retention: retentionDueAt(found, rules),
  };
}

/** The system as the actor of a job's events: `system:<job>`, with no roles. */
export const systemActor = (job: ScheduledJob): Actor => ({
  id: `system:${job}`,
  name: job,
  roles: [],
});

/**
 * The job whose work an event is — whoever's command recorded it (a person's command
 * records what fell due before it first) — or null for a person's own event.
 */
export function scheduledJobOf(event: CaseEvent): ScheduledJob | null {
  if (event.type === 'DeadlineMissed') return 'sla-sweep';
  if (event.type === 'CaseClosed' && event.data.reason === 'no-further-correspondence')
    return 'auto-close';
  if (event.type === 'CaseEscalated' && event.data.automatic) return 'same-day-escalation';
  if (event.type === 'PersonalDataErased' && event.data.erasedBy === null) return 'retention';
  return null;
}
