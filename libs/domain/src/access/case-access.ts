import type { CaseCommand } from '../case/case.commands';
import { ActorNotPermittedError, CaseNotFoundError } from '../case/case.errors';
import type { Actor, Role } from '../case/case.model';
import type { Case, CaseState } from '../case/case.state';
import type { Policy, StagePolicy } from '../policy/policy';

/**
 * Who may see and do what, in one place. The decider applies `authorise` before every
 * decision; queries apply `caseVisibility` in their filters. Who decides at each stage of
 * a complaint is the policy's (`decidedBy`); the roles' general rights are here. (Two rules
 * sit with the decisions they qualify: only a senior manager may override the window for
 * the next stage; and whoever records feedback may name its Owner — MaCTRI's Recipient
 * forwards it to the Owner, who then sees it.)
 */

const READ_ALL: readonly Role[] = ['operations-manager', 'senior-manager', 'quality', 'auditor'];
/** Who may record feedback as it arrives (and becomes its Recipient). */
export const RECORDS_FEEDBACK: readonly Role[] = ['staff', 'operations-manager', 'senior-manager'];
/** Compliments, suggestions, and complaints with an external body: no stage decides for them. */
const CASE_HANDLERS: readonly Role[] = ['staff', 'operations-manager', 'senior-manager'];
const SYSTEM_COMMANDS: ReadonlySet<CaseCommand['type']> = new Set([
  'RecordMissedDeadlines',
  'AutoCloseCase',
  'EscalateUnresolvedSameDay',
  'RecordEmailDelivered',
  'RecordEmailFailed',
  'ApplyRetention',
]);
/**
 * The data-protection role's commands, and all it may do besides reading a case's detail
 * and history to decide: no queue of all cases, no reports, no other command.
 */
export const DATA_PROTECTION_COMMANDS: ReadonlySet<CaseCommand['type']> = new Set([
  'EraseCase',
  'PlaceLegalHold',
  'LiftLegalHold',
]);

const has = (actor: Actor, ...roles: readonly Role[]) =>
  roles.some((role) => actor.roles.includes(role));
export const isSystemActor = (actor: Actor) => actor.id.startsWith('system:');

/** Which cases an actor may see, as a filter a query can apply. */
export type CaseVisibility =
  | { scope: 'all' }
  /** Cases where this person is the Recipient or the Owner. */
  | { scope: 'participant'; personId: string }
  | { scope: 'none' };

export function caseVisibility(actor: Actor): CaseVisibility {
  if (isSystemActor(actor) || has(actor, ...READ_ALL)) return { scope: 'all' };
  if (has(actor, 'staff')) return { scope: 'participant', personId: actor.id };
  return { scope: 'none' };
}

const isParticipant = (found: Case, personId: string) =>
  found.recipient.id === personId || found.owner?.id === personId;

/** Data protection finds cases by a person or a reference, never through a queue of them all. */
export const mayManagePersonalData = (actor: Actor) => has(actor, 'data-protection');

export function canSeeCase(actor: Actor, found: Case): boolean {
  if (mayManagePersonalData(actor)) return true;
  const visibility = caseVisibility(actor);
  if (visibility.scope === 'participant') return isParticipant(found, visibility.personId);
  return visibility.scope === 'all';
}

/** The internal stage that decides for this case now, if any. */
function decidingStage(found: Case, policy: Policy): StagePolicy | undefined {
  if (found.stage === null || found.externalReferral !== null) return undefined;
  return policy.complaints.stages.find((s) => s.stage === found.stage && s.decidedBy !== null);
}

/** Holds one of these roles on this case: staff only on cases they take part in. */
function actsAs(actor: Actor, found: Case, roles: readonly Role[]): boolean {
  const others = roles.filter((role) => role !== 'staff');
  if (has(actor, ...others)) return true;
  return roles.includes('staff') && has(actor, 'staff') && isParticipant(found, actor.id);
}

function mayRun(actor: Actor, command: CaseCommand, found: Case, policy: Policy): boolean {
  const deciders = decidingStage(found, policy)?.decidedBy;
  // Who handles the case at its stage: those who may respond and close there.
  const handlers = deciders?.respondAndClose ?? CASE_HANDLERS;
  if (DATA_PROTECTION_COMMANDS.has(command.type)) return mayManagePersonalData(actor);
  switch (command.type) {
    // Recording what arrived is not deciding: the staff taking part may, at any stage.
    case 'AddNote':
    case 'AttachDocument':
    case 'RecordCorrespondence':
      return actsAs(actor, found, [...handlers, 'staff']);
    case 'EscalateCase':
      return actsAs(actor, found, deciders?.moveOn ?? CASE_HANDLERS);
    case 'AssignOwner':
    case 'ReopenCase':
      return has(actor, 'operations-manager', 'senior-manager') && actsAs(actor, found, handlers);
    case 'ChangeCategories':
      return has(actor, 'quality') || actsAs(actor, found, handlers);
    default:
      return actsAs(actor, found, handlers);
  }
}

/** What each command does, as a refusal should say it. */
const DOING: Record<CaseCommand['type'], string> = {
  ReceiveCase: 'record feedback',
  AcknowledgeCase: 'acknowledge this case',
  AssignOwner: 'assign an owner to this case',
  EscalateCase: 'escalate this case',
  RespondToCase: 'record a response on this case',
  ExtendDeadline: 'extend a deadline on this case',
  RecordCorrespondence: 'record correspondence on this case',
  AddNote: 'add notes to this case',
  AttachDocument: 'attach documents to this case',
  RecordRepresentativeAuthorisation: 'record an authorisation on this case',
  RecordGuardianNotification: 'record a guardian notification on this case',
  WaiveGuardianNotification: 'waive a guardian notification on this case',
  GiveConfidentialityNotice: 'record a confidentiality notice on this case',
  ChangeCategories: 'change this case’s categories',
  RecordExternalReferral: 'record an external referral on this case',
  CloseCase: 'close this case',
  ReopenCase: 'reopen this case',
  RecordMissedDeadlines: 'record missed deadlines (a scheduled job’s task)',
  AutoCloseCase: 'auto-close cases (a scheduled job’s task)',
  EscalateUnresolvedSameDay: 'escalate unresolved cases (a scheduled job’s task)',
  SendLetter: 'write to the complainant on this case',
  RecordEmailDelivered: 'record e-mail delivery (the dispatcher’s task)',
  RecordEmailFailed: 'record e-mail failure (the dispatcher’s task)',
  EraseCase: 'erase this case’s personal data',
  ApplyRetention: 'apply the retention period (a scheduled job’s task)',
  PlaceLegalHold: 'place a legal hold on this case',
  LiftLegalHold: 'lift the legal hold on this case',
  RecordSubjectAccessExport: 'record a subject access export',
};

const refusal = (actor: Actor, command: CaseCommand) =>
  new ActorNotPermittedError(
    'role-not-permitted',
    `Your role (${actor.roles.join(', ') || 'none'}) may not ${DOING[command.type]}.`,
  );

/**
 * Throws unless the actor may send this command: CaseNotFoundError for a case they may
 * not see (so its existence is not disclosed), ActorNotPermittedError for one they may
 * see but not change.
 */
export function authorise(command: CaseCommand, state: CaseState, policy: Policy): void {
  const { actor } = command;
  if (SYSTEM_COMMANDS.has(command.type) !== isSystemActor(actor)) {
    if (state !== null && !canSeeCase(actor, state)) throw new CaseNotFoundError();
    throw refusal(actor, command);
  }
  if (isSystemActor(actor)) return;
  if (command.type === 'RecordSubjectAccessExport') {
    // Data protection sees no case otherwise; an export reaches every case about the person.
    if (mayExportPersonalData(actor)) return;
    if (state !== null && !canSeeCase(actor, state)) throw new CaseNotFoundError();
    throw refusal(actor, command);
  }
  if (command.type === 'ReceiveCase') {
    if (!has(actor, ...RECORDS_FEEDBACK)) throw refusal(actor, command);
    return; // whether the case exists already is the decision's to say
  }
  if (state === null) return; // no case: the decision says so
  if (!canSeeCase(actor, state)) throw new CaseNotFoundError();
  if (!mayRun(actor, command, state, policy)) throw refusal(actor, command);
}

/** Reports and themes: quality, the managers (directors), and auditors. */
export const READS_REPORTS: readonly Role[] = [
  'quality',
  'operations-manager',
  'senior-manager',
  'auditor',
];
export const mayReadReports = (actor: Actor) => has(actor, ...READS_REPORTS);

/** Finding a person's data across every case and exporting it: data protection only. */
export const mayExportPersonalData = (actor: Actor) => has(actor, 'data-protection');

/** Projections and jobs: admins only (who see no case content). */
export const mayAdminister = (actor: Actor) => has(actor, 'admin');
