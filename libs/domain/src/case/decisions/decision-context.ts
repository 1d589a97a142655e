import type { WorkingDayCalendar } from '#calendar';
import type { Policy, StagePolicy } from '../../policy/policy';
import {
  ActorNotPermittedError,
  CaseNotFoundError,
  CaseStateConflictError,
  InvalidCommandError,
  PolicyRuleError,
} from '../case.errors';
import { givenBusinessTime } from '../business-time';
import type { CaseCommand } from '../case.commands';
import { parseInstant } from '../instant';
import type { Actor, Instant } from '../case.model';
import type { RecordedAfterWindow } from '../case.events';
import type { Case, CaseState } from '../case.state';

/** What a decision may consult besides the command and the case: the policy and the time. */
export interface DecisionContext {
  policy: Policy;
  calendar: WorkingDayCalendar;
  now: Date;
}

export function requireCase(state: CaseState): Case {
  if (state === null) throw new CaseNotFoundError();
  return state;
}

/** Closed cases accept only reopening and annotations (notes, documents, categories). */
export function requireNotClosed(state: CaseState): Case {
  const found = requireCase(state);
  if (found.status === 'closed') {
    throw new CaseStateConflictError(
      'case-closed',
      `Case ${found.reference} is closed; reopen it first.`,
    );
  }
  return found;
}

/** Open, and not handed to an external body (which has no internal clock). */
export function requireInProgress(state: CaseState): Case {
  const found = requireNotClosed(state);
  if (found.status === 'referred-externally') {
    throw new CaseStateConflictError(
      'case-referred-externally',
      `Case ${found.reference} has been referred to ${found.externalReferral?.body}; close it, or reopen it first.`,
    );
  }
  return found;
}

export function requireComplaint(found: Case, what: string): void {
  if (found.kind !== 'complaint') {
    throw new PolicyRuleError(
      'complaints-only',
      `Only complaints ${what}; this case is a ${found.kind}.`,
    );
  }
}

/**
 * The command's business time (when a letter arrived, when a call was made: the field
 * `BUSINESS_TIME_FIELD` names), or now. It may be in the past but never in the future, and
 * never before `notBefore` (the case's receipt, or the start of its current stage).
 */
export function businessTime(
  command: CaseCommand,
  context: DecisionContext,
  notBefore?: { at: Instant; what: string },
): Instant {
  const now = context.now.toISOString();
  const time = givenBusinessTime(command);
  if (time?.given === undefined) return now;
  const { field, given } = time;
  const parsed = parseInstant(given);
  if (parsed === null)
    throw new InvalidCommandError(
      field,
      'invalid-instant',
      `${field} must be a real date and time from 2000 on, in ISO-8601 with Z or an offset, e.g. 2026-11-23T09:30:00Z.`,
    );
  const at = parsed.toISOString();
  if (at > now)
    throw new InvalidCommandError(field, 'time-in-future', `${field} cannot be in the future.`);
  if (notBefore && at < notBefore.at) {
    throw new InvalidCommandError(
      field,
      'time-before-case',
      `${field} cannot be before ${notBefore.what} (${notBefore.at}).`,
    );
  }
  return at;
}

export const sinceReceipt = (found: Case) => ({
  at: found.receivedAt,
  what: 'the case was received',
});
export const sinceStageStart = (found: Case) => ({
  at: found.stageEnteredAt,
  what: 'the current stage began',
});

export function stagePolicy(policy: Policy, stage: number): StagePolicy | undefined {
  return policy.complaints.stages.find((s) => s.stage === stage);
}

/** Trimmed, without blanks or repeats, in the order given. */
export function normaliseCategories(categories: readonly string[]): string[] {
  return [...new Set(categories.map((c) => c.trim()).filter((c) => c.length > 0))];
}

/** Who may let an act through a window that has closed: the policy's senior managers. */
export const mayOverrideWindows = (actor: Actor) => actor.roles.includes('senior-manager');

/** Overrides are a senior manager's: `what` says what this one would do. */
export function requireSeniorManager(actor: Actor, what: string): void {
  if (!mayOverrideWindows(actor)) {
    throw new ActorNotPermittedError(
      'override-needs-senior-manager',
      `Only a senior manager may ${what}.`,
    );
  }
}

/**
 * A claim dated inside a window that had already closed when it was recorded counts only
 * from someone who may override the window; the event then says it was recorded late.
 */
export function checkRecordedInWindow(
  window: { endsAt: Instant | null; what: string; code: string },
  claimedAt: Instant,
  actor: Actor,
  context: DecisionContext,
): RecordedAfterWindow {
  const { endsAt } = window;
  if (endsAt === null || claimedAt > endsAt || context.now.toISOString() <= endsAt) return {};
  if (!mayOverrideWindows(actor)) {
    throw new PolicyRuleError(
      window.code,
      `The window ${window.what} closed at ${endsAt}, before this was recorded; something dated inside it counts only when a senior manager records it.`,
    );
  }
  return { recordedAfterWindowClosed: true };
}

/**
 * Under the policy's switch, a stage is handled (responded to, closed) by someone other
 * than who gave the last stage's response.
 */
export function requireAnotherHandler(found: Case, actor: Actor, context: DecisionContext): void {
  if (!context.policy.rules.nextStageHandledBySomeoneElse || found.stage === null) return;
  const previous = found.stage - 1;
  if (found.responses.some((r) => r.stage === previous && r.byId === actor.id)) {
    throw new PolicyRuleError(
      'needs-different-handler',
      `You gave the stage ${previous} response; the policy has stage ${found.stage} handled by someone else.`,
    );
  }
}

export const personOf = (actor: { id: string; name?: string }) => ({
  id: actor.id,
  name: actor.name ?? actor.id,
});
