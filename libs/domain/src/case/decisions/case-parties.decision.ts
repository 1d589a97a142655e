import type {
  AssignOwner,
  GiveConfidentialityNotice,
  RecordGuardianNotification,
  RecordRepresentativeAuthorisation,
  WaiveGuardianNotification,
} from '../case.commands';
import { CaseStateConflictError, InvalidCommandError, PolicyRuleError } from '../case.errors';
import type { CaseEvent } from '../case.events';
import type { Case, CaseState } from '../case.state';
import {
  businessTime,
  requireNotClosed,
  sinceReceipt,
  type DecisionContext,
} from './decision-context';

/** Who is dealing with the case: assigning the same owner again changes nothing. */
export function assignOwner(
  command: AssignOwner,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireNotClosed(state);
  const { owner } = command.data;
  if (found.owner?.id === owner.id && found.owner.name === owner.name) return [];
  return [
    {
      type: 'OwnerAssigned',
      occurredAt: context.now.toISOString(),
      data: { owner, previousOwner: found.owner },
    },
  ];
}

/** The complainant's written authorisation for a representative to act for them. */
export function recordRepresentativeAuthorisation(
  command: RecordRepresentativeAuthorisation,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireNotClosed(state);
  if (!found.representative) {
    throw new PolicyRuleError(
      'no-representative',
      `Case ${found.reference} was not raised by a representative.`,
    );
  }
  if (found.representativeAuthorised) {
    throw new CaseStateConflictError(
      'already-authorised',
      `${found.representative.name}'s authorisation is already recorded.`,
    );
  }
  const { documentId } = command.data;
  if (documentId !== undefined && !found.documents.some((d) => d.id === documentId)) {
    throw new InvalidCommandError(
      'documentId',
      'unknown-document',
      `No document ${documentId} is attached to this case.`,
    );
  }
  return [
    {
      type: 'RepresentativeAuthorised',
      occurredAt: businessTime(command, context, sinceReceipt(found)),
      data: { documentId: documentId ?? null },
    },
  ];
}

function requirePendingGuardianDecision(state: CaseState): Case {
  const found = requireNotClosed(state);
  if (found.guardianDecision === 'not-needed') {
    throw new PolicyRuleError('not-under-18', 'The complainant is not recorded as under 18.');
  }
  if (found.guardianDecision !== 'pending') {
    throw new CaseStateConflictError(
      'guardian-decision-recorded',
      `The guardian decision is already recorded (${found.guardianDecision}).`,
    );
  }
  return found;
}

/** A learner under 18: the parent or guardian was told… */
export function recordGuardianNotification(
  command: RecordGuardianNotification,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requirePendingGuardianDecision(state);
  const { guardianName, method } = command.data;
  return [
    {
      type: 'GuardianNotified',
      occurredAt: businessTime(command, context, sinceReceipt(found)),
      data: { guardianName, method },
    },
  ];
}

/** …or, for a recorded reason, was not. */
export function waiveGuardianNotification(
  command: WaiveGuardianNotification,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  requirePendingGuardianDecision(state);
  return [
    {
      type: 'GuardianNotificationWaived',
      occurredAt: context.now.toISOString(),
      data: { reason: command.data.reason },
    },
  ];
}

/** Confidentiality could not be kept, and the complainant (or representative) was told so. */
export function giveConfidentialityNotice(
  command: GiveConfidentialityNotice,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireNotClosed(state);
  const toldTo = command.data.toldTo ?? 'complainant';
  if (toldTo === 'representative' && !found.representative) {
    throw new InvalidCommandError(
      'toldTo',
      'no-representative',
      'This case has no representative.',
    );
  }
  return [
    {
      type: 'ConfidentialityNoticeGiven',
      occurredAt: businessTime(command, context, sinceReceipt(found)),
      data: { explanation: command.data.explanation, toldTo },
    },
  ];
}
