import type { CaseCommand } from '../case/case.commands';
import { ActorNotPermittedError, CaseNotFoundError } from '../case/case.errors';
import type { Actor, Role } from '../case/case.model';
import type { Case, CaseState } from '../case/case.state';

/**
 * Who may see and do what (DESIGN §6), in one place. The decider applies `authorise`
 * before every decision; queries apply `caseVisibility` in their filters. (Two rules
 * sit with the decisions they qualify: only a senior manager may override the stage 3
 * window; and whoever records feedback may name its Owner — MaCTRI's Recipient forwards
 * it to the Owner, who then sees it.)
 */

/** Stages from here on are senior management's (DMM stage 3 review, MaCTRI appeal, external). */
const FIRST_SENIOR_STAGE = 3;

const READ_ALL: readonly Role[] = ['operations-manager', 'senior-manager', 'quality', 'auditor'];
const RECORDS_FEEDBACK: readonly Role[] = ['staff', 'operations-manager', 'senior-manager'];
const SYSTEM_COMMANDS: ReadonlySet<CaseCommand['type']> = new Set([
  'RecordMissedDeadlines',
  'AutoCloseCase',
  'EscalateUnresolvedSameDay',
]);

const isSeniorStage = (found: Case) =>
  found.externalReferral === null && found.stage !== null && found.stage >= FIRST_SENIOR_STAGE;
const has = (actor: Actor, ...roles: Role[]) => roles.some((role) => actor.roles.includes(role));
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

export const isParticipant = (found: Case, personId: string) =>
  found.recipient.id === personId || found.owner?.id === personId;

export function canSeeCase(actor: Actor, found: Case): boolean {
  const visibility = caseVisibility(actor);
  if (visibility.scope === 'participant') return isParticipant(found, visibility.personId);
  return visibility.scope === 'all';
}

/**
 * Stages 1–2 (and compliments and suggestions): the case's own staff and managers; later:
 * senior managers. An escalation is decided at the stage it leaves: whoever handles stage 2
 * records the complainant's request for stage 3 (the window and the override are the
 * decision's rules). A case with an external body has no internal handler: recording what
 * happens to it is for its own staff and managers.
 */
function mayHandle(actor: Actor, found: Case): boolean {
  if (has(actor, 'senior-manager')) return true;
  if (isSeniorStage(found)) return false;
  if (has(actor, 'operations-manager')) return true;
  return has(actor, 'staff') && isParticipant(found, actor.id);
}

function mayRun(actor: Actor, command: CaseCommand, found: Case): boolean {
  switch (command.type) {
    case 'AssignOwner':
    case 'ReopenCase':
      return has(actor, 'operations-manager', 'senior-manager') && mayHandle(actor, found);
    case 'ChangeCategories':
      return has(actor, 'quality') || mayHandle(actor, found);
    default:
      return mayHandle(actor, found);
  }
}

/** What each command does, as a refusal should say it. */
const DOING: Record<CaseCommand['type'], string> = {
  ReceiveCase: 'record feedback',
  AcknowledgeCase: 'acknowledge this case',
  AssignOwner: 'assign an owner to this case',
  EscalateCase: 'escalate this case',
  RespondToCase: 'record a response on this case',
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
export function authorise(command: CaseCommand, state: CaseState): void {
  const { actor } = command;
  if (SYSTEM_COMMANDS.has(command.type) !== isSystemActor(actor)) {
    if (state !== null && !canSeeCase(actor, state)) throw new CaseNotFoundError();
    throw refusal(actor, command);
  }
  if (isSystemActor(actor)) return;
  if (command.type === 'ReceiveCase') {
    if (!has(actor, ...RECORDS_FEEDBACK)) throw refusal(actor, command);
    return; // whether the case exists already is the decision's to say
  }
  if (state === null) return; // no case: the decision says so
  if (!canSeeCase(actor, state)) throw new CaseNotFoundError();
  if (!mayRun(actor, command, state)) throw refusal(actor, command);
}

/** Reports and themes: quality, the managers (directors), and auditors. */
export const mayReadReports = (actor: Actor) =>
  has(actor, 'quality', 'operations-manager', 'senior-manager', 'auditor');

/** Projections and jobs: admins only (who see no case content). */
export const mayAdminister = (actor: Actor) => has(actor, 'admin');
