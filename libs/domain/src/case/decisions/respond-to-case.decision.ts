import type { RespondToCase } from '../case.commands';
import { InvalidCommandError, PolicyRuleError } from '../case.errors';
import type { CaseEvent } from '../case.events';
import type { Outcome } from '../case.model';
import type { Case, CaseState } from '../case.state';
import { calendarMonthsAfter, recordedAfterDeadline } from './deadlines';
import {
  businessTime,
  personOf,
  requireAnotherHandler,
  requireInProgress,
  sinceStageStart,
  stagePolicy,
  type DecisionContext,
} from './decision-context';

const COMPLAINT_OUTCOMES: readonly Outcome[] = [
  'upheld',
  'partially-upheld',
  'not-upheld',
  'resolved',
];
const FEEDBACK_OUTCOMES: readonly Outcome[] = ['noted', 'resolved'];

function checkAddressee(found: Case, addressedTo: 'complainant' | 'representative'): void {
  if (addressedTo !== 'representative') return;
  if (!found.representative) {
    throw new InvalidCommandError(
      'addressedTo',
      'no-representative',
      'This case has no representative to address.',
    );
  }
  if (!found.representativeAuthorised) {
    throw new PolicyRuleError(
      'representative-not-authorised',
      `The complainant's written authorisation for ${found.representative.name} has not been recorded; respond to the complainant, or record the authorisation first.`,
    );
  }
}

/** The windows a response opens: to ask for the next stage, and before silence closes the case. */
function windowsAfterResponse(found: Case, context: DecisionContext, at: string) {
  if (found.kind !== 'complaint' || found.stage === null) {
    const months =
      context.policy.feedback[found.kind as 'compliment' | 'suggestion']
        .autoCloseAfterSilenceCalendarMonths;
    return { escalationWindowEndsAt: null, autoCloseAt: calendarMonthsAfter(context, at, months) };
  }
  const stage = stagePolicy(context.policy, found.stage);
  const hasNextStage = stagePolicy(context.policy, found.stage + 1) !== undefined;
  return {
    escalationWindowEndsAt: hasNextStage
      ? calendarMonthsAfter(context, at, stage?.nextStageRequestWithinCalendarMonths ?? null)
      : null,
    autoCloseAt: calendarMonthsAfter(
      context,
      at,
      stage?.autoCloseAfterSilenceCalendarMonths ?? null,
    ),
  };
}

export function respondToCase(
  command: RespondToCase,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireInProgress(state);
  const { outcome, summary } = command.data;
  const addressedTo = command.data.addressedTo ?? 'complainant';

  const allowed = found.kind === 'complaint' ? COMPLAINT_OUTCOMES : FEEDBACK_OUTCOMES;
  if (!allowed.includes(outcome)) {
    throw new InvalidCommandError(
      'outcome',
      'outcome-not-for-kind',
      `A response to a ${found.kind} has outcome ${allowed.join(' or ')}.`,
    );
  }
  checkAddressee(found, addressedTo);
  requireAnotherHandler(found, command.actor, context);

  const at = businessTime(command, context, sinceStageStart(found));
  return [
    {
      type: 'CaseResponded',
      occurredAt: at,
      data: {
        stage: found.stage,
        summary,
        outcome,
        addressedTo,
        ...windowsAfterResponse(found, context, at),
        respondedBy: personOf(command.actor),
        ...(command.data.learning !== undefined && { learning: command.data.learning }),
        ...recordedAfterDeadline(found, ['acknowledgement', 'response'], at, context.now),
      },
    },
  ];
}
