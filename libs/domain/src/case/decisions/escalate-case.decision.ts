import type { EscalateCase, EscalateUnresolvedSameDay } from '../case.commands';
import { PolicyRuleError } from '../case.errors';
import type { CaseEscalated, CaseEvent } from '../case.events';
import type { Case, CaseState } from '../case.state';
import { sameDayEscalation } from '../scheduled-work';
import { stageDeadlines } from './deadlines';
import {
  businessTime,
  checkRecordedInWindow,
  requireSeniorManager,
  personOf,
  requireComplaint,
  requireCase,
  requireInProgress,
  sinceStageStart,
  stagePolicy,
  type DecisionContext,
} from './decision-context';

function targetStage(found: Case, context: DecisionContext, requested: number | undefined) {
  const current = found.stage ?? 0;
  const toStage = requested ?? current + 1;
  if (toStage <= current) {
    throw new PolicyRuleError(
      'not-a-later-stage',
      `Case ${found.reference} is already at stage ${current}.`,
    );
  }
  if (toStage !== current + 1) {
    throw new PolicyRuleError(
      'stages-cannot-be-skipped',
      `From stage ${current} a complaint moves to stage ${current + 1}, not ${toStage}.`,
    );
  }
  const target = stagePolicy(context.policy, toStage);
  if (!target) throw new PolicyRuleError('no-such-stage', `The policy has no stage ${toStage}.`);
  if (target.external) {
    throw new PolicyRuleError(
      'external-stage',
      `Stage ${toStage} (${target.name}) is the complainant's own referral to ${target.externalBody?.name}: record it as an external referral.`,
    );
  }
  return target;
}

/**
 * The window to ask for the next stage opens with this stage's response and closes a set
 * number of calendar months later. A request before the response, or after the window,
 * needs a senior manager's override with a reason. A request dated inside the window but
 * recorded after it closed counts only from a senior manager, whose act confirms it; the
 * event says it was recorded late.
 */
function checkWindow(
  found: Case,
  command: EscalateCase,
  requestReceivedAt: string,
  context: DecisionContext,
): Pick<CaseEscalated['data'], 'override' | 'recordedAfterWindowClosed'> {
  const { override } = command.data;
  const leaving = stagePolicy(context.policy, found.stage ?? 0);
  const windowEnds = found.escalationWindowEndsAt;
  const window = {
    endsAt: windowEnds,
    what: 'to ask for the next stage',
    code: 'escalation-window-closed-when-recorded',
  };
  if (override) {
    requireSeniorManager(command.actor, 'override the escalation window');
    return {
      override: { reason: override.reason, by: personOf(command.actor) },
      ...checkRecordedInWindow(window, requestReceivedAt, command.actor, context),
    };
  }
  if (leaving?.nextStageRequestWithinCalendarMonths == null) return { override: null };
  if (windowEnds === null) {
    throw new PolicyRuleError(
      'stage-response-needed',
      `Stage ${leaving.stage} (${leaving.name}) has not been responded to: the request for the next stage comes after its response. A senior manager may override with a reason.`,
    );
  }
  if (requestReceivedAt > windowEnds) {
    throw new PolicyRuleError(
      'escalation-window-closed',
      `The request was received ${requestReceivedAt}, after the window to ask for the next stage closed at ${windowEnds}. A senior manager may override with a reason.`,
    );
  }
  return {
    override: null,
    ...checkRecordedInWindow(window, requestReceivedAt, command.actor, context),
  };
}

/**
 * A case closed after its month of silence can still be escalated — by a senior manager
 * overriding the window that closed with it (the window's check below says so); any other
 * closed case must be reopened first.
 */
function requireEscalatable(state: CaseState): Case {
  const found = requireCase(state);
  const closedBySilence =
    found.status === 'closed' && found.closeReason === 'no-further-correspondence';
  return closedBySilence ? found : requireInProgress(state);
}

export function escalateCase(
  command: EscalateCase,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireEscalatable(state);
  requireComplaint(found, 'move between stages');
  const target = targetStage(found, context, command.data.toStage);
  const inWriting = command.data.inWriting ?? false;
  if (target.entryRequiresWriting && !inWriting) {
    throw new PolicyRuleError(
      'stage-needs-written-complaint',
      `Stage ${target.stage} (${target.name}) needs the complaint in writing.`,
    );
  }
  const requestReceivedAt = businessTime(command, context, sinceStageStart(found));
  const window = checkWindow(found, command, requestReceivedAt, context);
  return [
    {
      type: 'CaseEscalated',
      occurredAt: requestReceivedAt,
      data: {
        fromStage: found.stage ?? 0,
        toStage: target.stage,
        stageName: target.name,
        reason: command.data.reason,
        inWriting,
        ...window,
        automatic: false,
        deadlines: stageDeadlines(context, target, requestReceivedAt),
      },
    },
  ];
}

/**
 * MaCTRI 5.2: an informal complaint not resolved on the day it was raised needs further
 * investigation. It moves when `sameDayEscalation` says, so a late run of the job
 * promises the same deadlines as a punctual one. Not due (or not applicable): no events.
 */
export function escalateUnresolvedSameDay(
  _command: EscalateUnresolvedSameDay,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const due = state === null ? null : sameDayEscalation(state, context);
  if (due === null || due.at > context.now.toISOString()) return [];
  const { at, fromStage, target } = due;
  return [
    {
      type: 'CaseEscalated',
      occurredAt: at,
      data: {
        fromStage,
        toStage: target.stage,
        stageName: target.name,
        reason: 'Not resolved on the day it was raised',
        inWriting: false,
        override: null,
        automatic: true,
        deadlines: stageDeadlines(context, target, at),
      },
    },
  ];
}
