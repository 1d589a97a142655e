import type { WorkingDayCalendar } from '#calendar';
import { authorise, DATA_PROTECTION_COMMANDS, isSystemActor } from '../access/case-access';
import { calendarFor } from '../policy/policy-calendar';
import type { Policy } from '../policy/policy';
import type { CaseCommand } from './case.commands';
import type { CaseEvent } from './case.events';
import { evolve, foldCase, initialCaseState, type CaseState } from './case.state';
import { businessTimeOf, dueSystemWork } from './due-system-work';
import { acknowledgeCase } from './decisions/acknowledge-case.decision';
import {
  addNote,
  attachDocument,
  changeCategories,
  recordCorrespondence,
  recordExternalReferral,
  recordMissedDeadlines,
} from './decisions/case-records.decision';
import {
  assignOwner,
  giveConfidentialityNotice,
  recordGuardianNotification,
  recordRepresentativeAuthorisation,
  waiveGuardianNotification,
} from './decisions/case-parties.decision';
import { autoCloseCase, closeCase, reopenCase } from './decisions/close-case.decision';
import type { DecisionContext } from './decisions/decision-context';
import { extendDeadline } from './decisions/extend-deadline.decision';
import { escalateCase, escalateUnresolvedSameDay } from './decisions/escalate-case.decision';
import { receiveCase } from './decisions/receive-case.decision';
import {
  applyRetention,
  eraseCase,
  liftLegalHold,
  placeLegalHold,
  refuseIfErased,
} from './decisions/personal-data.decision';
import { respondToCase } from './decisions/respond-to-case.decision';
import { recordSubjectAccessExport } from './decisions/subject-access.decision';
import {
  recordEmailDelivered,
  recordEmailFailed,
  sendLetter,
} from './decisions/send-letter.decision';

/**
 * The case as a decider: `decide` checks the actor may send the command (access/case-access.ts), then
 * turns it into events (or throws a DomainError naming the rule); `evolve` folds events
 * into state. Pure: the policy is fixed when the
 * decider is made, and `now` is passed in.
 */
export interface CaseDecider {
  decide(command: CaseCommand, state: CaseState, now: Date): CaseEvent[];
  evolve(state: CaseState, event: CaseEvent): CaseState;
  initialState(): CaseState;
  readonly policy: Policy;
  readonly calendar: WorkingDayCalendar;
}

function decideCommand(
  command: CaseCommand,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  authorise(command, state, context.policy);
  if (!isSystemActor(command.actor) && !DATA_PROTECTION_COMMANDS.has(command.type)) {
    refuseIfErased(state);
  }
  switch (command.type) {
    case 'ReceiveCase':
      return receiveCase(command, state, context);
    case 'AcknowledgeCase':
      return acknowledgeCase(command, state, context);
    case 'AssignOwner':
      return assignOwner(command, state, context);
    case 'EscalateCase':
      return escalateCase(command, state, context);
    case 'RespondToCase':
      return respondToCase(command, state, context);
    case 'ExtendDeadline':
      return extendDeadline(command, state, context);
    case 'RecordCorrespondence':
      return recordCorrespondence(command, state, context);
    case 'AddNote':
      return addNote(command, state, context);
    case 'AttachDocument':
      return attachDocument(command, state, context);
    case 'RecordRepresentativeAuthorisation':
      return recordRepresentativeAuthorisation(command, state, context);
    case 'RecordGuardianNotification':
      return recordGuardianNotification(command, state, context);
    case 'WaiveGuardianNotification':
      return waiveGuardianNotification(command, state, context);
    case 'GiveConfidentialityNotice':
      return giveConfidentialityNotice(command, state, context);
    case 'ChangeCategories':
      return changeCategories(command, state, context);
    case 'RecordExternalReferral':
      return recordExternalReferral(command, state, context);
    case 'CloseCase':
      return closeCase(command, state, context);
    case 'ReopenCase':
      return reopenCase(command, state, context);
    case 'RecordMissedDeadlines':
      return recordMissedDeadlines(command, state, context);
    case 'AutoCloseCase':
      return autoCloseCase(command, state, context);
    case 'EscalateUnresolvedSameDay':
      return escalateUnresolvedSameDay(command, state, context);
    case 'SendLetter':
      return sendLetter(command, state, context);
    case 'RecordEmailDelivered':
      return recordEmailDelivered(command, state, context);
    case 'RecordEmailFailed':
      return recordEmailFailed(command, state, context);
    case 'EraseCase':
      return eraseCase(command, state, context);
    case 'ApplyRetention':
      return applyRetention(command, state, context);
    case 'PlaceLegalHold':
      return placeLegalHold(command, state, context);
    case 'LiftLegalHold':
      return liftLegalHold(command, state, context);
    case 'RecordSubjectAccessExport':
      return recordSubjectAccessExport(command, state, context);
  }
}

/**
 * A person's command is decided on the case as the scheduled jobs would have left it by
 * the command's own business time: work that fell due before then (a missed deadline, the
 * end of a silence window, a same-day escalation) is recorded first, dated when it fell
 * due. So a late or stopped scheduler changes nothing — closing a case the day after its
 * acknowledgement was due still records the miss, and a letter that arrives after the
 * month of silence finds the case closed, exactly as if the jobs had run on time.
 */
function decideWith(command: CaseCommand, state: CaseState, context: DecisionContext): CaseEvent[] {
  // An export records a copy taken, not an act on the case: it is no moment to catch work up.
  const catchesUp = !isSystemActor(command.actor) && command.type !== 'RecordSubjectAccessExport';
  if (state === null || !catchesUp) return decideCommand(command, state, context);
  const due = dueSystemWork(state, context, businessTimeOf(command, context.now));
  return [...due, ...decideCommand(command, foldCase(due, state), context)];
}

export function createCaseDecider(
  policy: Policy,
  calendar: WorkingDayCalendar = calendarFor(policy),
): CaseDecider {
  return {
    policy,
    calendar,
    decide: (command, state, now) => decideWith(command, state, { policy, calendar, now }),
    evolve,
    initialState: initialCaseState,
  };
}
