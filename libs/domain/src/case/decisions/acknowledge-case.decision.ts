import type { AcknowledgeCase } from '../case.commands';
import { CaseStateConflictError } from '../case.errors';
import type { CaseEvent } from '../case.events';
import type { CaseState } from '../case.state';
import { recordedAfterDeadline } from './deadlines';
import {
  businessTime,
  requireInProgress,
  sinceStageStart,
  type DecisionContext,
} from './decision-context';

export function acknowledgeCase(
  command: AcknowledgeCase,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireInProgress(state);
  if (found.status !== 'open') {
    throw new CaseStateConflictError(
      'already-acknowledged',
      `Case ${found.reference} has already been ${found.status === 'responded' ? 'responded to' : 'acknowledged'} at this stage.`,
    );
  }
  const at = businessTime(command, context, sinceStageStart(found));
  return [
    {
      type: 'CaseAcknowledged',
      occurredAt: at,
      data: {
        stage: found.stage,
        method: command.data.method ?? null,
        note: command.data.note ?? null,
        ...recordedAfterDeadline(found, ['acknowledgement'], at, context.now),
      },
    },
  ];
}
