import type { ApplyRetention, EraseCase, LiftLegalHold, PlaceLegalHold } from '../case.commands';
import { CaseStateConflictError } from '../case.errors';
import type { CaseEvent, PersonalDataErased } from '../case.events';
import type { Case, CaseState } from '../case.state';
import { retentionDueAt } from '../scheduled-work';
import { personOf, requireCase, type DecisionContext } from './decision-context';

/** What the retention job gives as its reason: the policy's, in words. */
export const retentionReason = (years: number) =>
  `Kept ${years} years after closure (the policy's retention period)`;

/** An erased case takes no more from people: what they would add is personal data. */
export function refuseIfErased(found: CaseState): void {
  if (found?.erasure) {
    throw new CaseStateConflictError(
      'case-erased',
      `Case ${found.reference}'s personal data was erased; nothing more can be recorded on it.`,
    );
  }
}

function erasure(found: Case, data: PersonalDataErased['data'], at: Date): CaseEvent[] {
  if (found.erasure !== null) return []; // erased already: a retry changes nothing
  if (found.legalHold !== null) {
    throw new CaseStateConflictError(
      'case-under-legal-hold',
      `Case ${found.reference} is under a legal hold (${found.legalHold.reason}); lift the hold before erasing.`,
    );
  }
  return [{ type: 'PersonalDataErased', occurredAt: at.toISOString(), data }];
}

export function eraseCase(
  command: EraseCase,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireCase(state);
  const data = {
    reason: command.data.reason,
    fields: found.personalDataFields,
    erasedBy: personOf(command.actor),
  };
  return erasure(found, data, context.now);
}

/**
 * The retention job's erasure, once the policy's period after closure has passed. Dated
 * when the job erases, not when it fell due: the record says when the data went.
 */
export function applyRetention(
  _command: ApplyRetention,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  if (state === null) return [];
  const due = retentionDueAt(state, context);
  if (due === null || context.now.toISOString() < due) return [];
  const reason = retentionReason(context.policy.retention.personalDataYearsAfterClosure);
  return erasure(state, { reason, fields: state.personalDataFields, erasedBy: null }, context.now);
}

export function placeLegalHold(
  command: PlaceLegalHold,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireCase(state);
  if (found.legalHold !== null) return [];
  return [
    {
      type: 'LegalHoldPlaced',
      occurredAt: context.now.toISOString(),
      data: { reason: command.data.reason, placedBy: personOf(command.actor) },
    },
  ];
}

export function liftLegalHold(
  command: LiftLegalHold,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireCase(state);
  if (found.legalHold === null) return [];
  return [
    {
      type: 'LegalHoldLifted',
      occurredAt: context.now.toISOString(),
      data: { reason: command.data.reason, liftedBy: personOf(command.actor) },
    },
  ];
}
