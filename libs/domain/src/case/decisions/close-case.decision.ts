import type { AutoCloseCase, CloseCase, ReopenCase } from '../case.commands';
import { CaseStateConflictError, InvalidCommandError, PolicyRuleError } from '../case.errors';
import type { CaseEvent } from '../case.events';
import type { Case, CaseState } from '../case.state';
import { autoCloseDueAt } from '../scheduled-work';
import { feedbackDeadlines, stageDeadlines } from './deadlines';
import {
  requireAnotherHandler,
  requireCase,
  requireComplaint,
  requireNotClosed,
  stagePolicy,
  type DecisionContext,
} from './decision-context';

function checkReason(found: Case, command: CloseCase, context: DecisionContext): void {
  const { reason, appealsBody } = command.data;
  switch (reason) {
    case 'resolved-at-first-contact': {
      const { calendar, now } = context;
      if (calendar.localDateOf(now) !== calendar.localDateOf(new Date(found.receivedAt))) {
        throw new PolicyRuleError(
          'first-contact-is-same-day',
          'Only a case resolved on the day it was received is resolved at first contact.',
        );
      }
      if (found.formality === 'formal') {
        throw new PolicyRuleError(
          'formal-complaint-needs-investigation',
          'A formal complaint needs investigation; it cannot be resolved at first contact.',
        );
      }
      return;
    }
    case 'redirected-to-appeals':
      requireComplaint(found, 'go to the appeals procedure');
      if (!appealsBody?.trim()) {
        throw new InvalidCommandError(
          'appealsBody',
          'appeals-body-required',
          'Name the awarding or end-point assessment organisation whose appeals procedure applies.',
        );
      }
      return;
    case 'referred-externally':
      if (!found.externalReferral) {
        throw new PolicyRuleError(
          'no-external-referral',
          'Record the external referral (body, date, their reference) before closing as referred externally.',
        );
      }
      return;
    case 'resolved':
    case 'withdrawn':
      return;
  }
}

export function closeCase(
  command: CloseCase,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireNotClosed(state);
  checkReason(found, command, context);
  requireAnotherHandler(found, command.actor, context);
  const { reason, note, appealsBody, learning } = command.data;
  return [
    {
      type: 'CaseClosed',
      occurredAt: context.now.toISOString(),
      data: {
        reason,
        note: note ?? null,
        appealsBody: reason === 'redirected-to-appeals' ? (appealsBody ?? null) : null,
        ...(learning !== undefined && { learning }),
      },
    },
  ];
}

/**
 * "If we receive no further correspondence within one calendar month of the date of the
 * response, the complaint will be considered as closed." Closed as of the window's end,
 * whenever the job runs. Not due: no events.
 */
export function autoCloseCase(
  _command: AutoCloseCase,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const due = state === null ? null : autoCloseDueAt(state);
  if (due === null || context.now.toISOString() < due) return [];
  return [
    {
      type: 'CaseClosed',
      occurredAt: due,
      data: { reason: 'no-further-correspondence', note: null, appealsBody: null },
    },
  ];
}

/** A reopened case restarts its stage's response clock (not the acknowledgement one) from the reopening. */
function reopenedDeadlines(found: Case, context: DecisionContext, at: string) {
  if (found.kind !== 'complaint') {
    const feedback = context.policy.feedback[found.kind];
    return feedbackDeadlines(
      context,
      { ...feedback, acknowledgeWithinWorkingDays: null },
      found.responseRequested,
      at,
    );
  }
  const stage = found.stage === null ? undefined : stagePolicy(context.policy, found.stage);
  if (!stage || stage.external) return [];
  return stageDeadlines(context, { ...stage, acknowledgeWithinWorkingDays: null }, at);
}

export function reopenCase(
  command: ReopenCase,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireCase(state);
  if (found.status !== 'closed') {
    throw new CaseStateConflictError('case-not-closed', `Case ${found.reference} is not closed.`);
  }
  const at = context.now.toISOString();
  return [
    {
      type: 'CaseReopened',
      occurredAt: at,
      data: { reason: command.data.reason, deadlines: reopenedDeadlines(found, context, at) },
    },
  ];
}
