import type { LocalDate, WorkingDayCalendar } from '#calendar';
import type { CaseCommand } from '../case/case.commands';
import { createCaseDecider, type CaseDecider } from '../case/case.decider';
import { DomainError } from '../case/case.errors';
import type { CaseEvent } from '../case/case.events';
import {
  ADDRESSEES,
  CLOSE_REASONS,
  OUTCOMES,
  type Actor,
  type Addressee,
  type CloseReason,
  type DeadlineKind,
  type Instant,
  type Outcome,
} from '../case/case.model';
import { foldCase, isOpenDeadline, type Case, type TrackedDeadline } from '../case/case.state';
import { dueSystemWork } from '../case/due-system-work';
import type { Policy, StagePolicy } from '../policy/policy';
import { stagePolicy } from '../case/decisions/decision-context';

/**
 * An action a person may take on a case now, with what its form needs to offer only
 * choices the decider would accept. Data, not markup: the console renders it.
 */
export type AvailableAction =
  | { type: 'AcknowledgeCase' }
  | { type: 'AssignOwner' }
  | {
      type: 'EscalateCase';
      toStage: number;
      stageName: string;
      /** Entering that stage needs the complaint in writing (DMM stage 2). */
      requiresWriting: boolean;
      /** When the window to ask for the next stage closes; null where there is none (yet). */
      windowEndsAt: Instant | null;
      /** Accepted only with a senior manager's override and its reason. */
      overrideOnly: boolean;
      /** This person may give an override (a senior manager), needed or not. */
      mayOverride: boolean;
    }
  | { type: 'RespondToCase'; outcomes: Outcome[]; addressees: Addressee[] }
  | { type: 'ExtendDeadline'; deadlines: ExtendableDeadline[] }
  | { type: 'RecordCorrespondence' }
  | { type: 'AddNote' }
  | { type: 'AttachDocument' }
  | { type: 'RecordRepresentativeAuthorisation' }
  | { type: 'RecordGuardianNotification' }
  | { type: 'WaiveGuardianNotification' }
  | { type: 'GiveConfidentialityNotice'; addressees: Addressee[] }
  | { type: 'RecordExternalReferral'; externalBody: StagePolicy['externalBody'] }
  | { type: 'ChangeCategories' }
  | { type: 'CloseCase'; reasons: CloseReason[] }
  | { type: 'ReopenCase' }
  | { type: 'EraseCase' }
  | { type: 'PlaceLegalHold' }
  | { type: 'LiftLegalHold' };

/** A deadline of the current stage that may be extended, and how far without an override. */
export interface ExtendableDeadline {
  deadline: DeadlineKind;
  stage: number;
  dueDate: LocalDate;
  originalDueDate: LocalDate;
  /** Already recorded as missed: extending it does not undo that. */
  missed: boolean;
  /** Working days the policy still allows to add, in all. */
  allowanceLeft: number;
  /** Accepted only with a senior manager's override and its reason. */
  overrideOnly: boolean;
  /** This person may give an override (a senior manager), needed or not. */
  mayOverride: boolean;
}

export type AvailableActionType = AvailableAction['type'];

type CommandOf<Type extends CaseCommand['type']> = Extract<CaseCommand, { type: Type }>;

/** A command as a form would send it, the actor aside. */
type Request = {
  [Type in AvailableActionType]: { type: Type; data: CommandOf<Type>['data'] };
}[AvailableActionType];

/** Would the decider accept this command now? Its events if so, null if it refuses. */
type Ask = (request: Request) => CaseEvent[] | null;

/** What a probe may consult besides the decider: the case as the jobs would have left it now. */
interface Probing {
  ask: Ask;
  current: Case;
  policy: Policy;
  calendar: WorkingDayCalendar;
}

type Probe = (probing: Probing) => AvailableAction | null;

/*
 * Representative valid input: what a form supplies (a reason, a summary) is not what makes
 * an action available or not, so any valid value will do.
 */
const REASON = 'Reason given on the form';
const OVERRIDE = { reason: REASON };
const APPEALS_BODY = 'The awarding organisation';

type PlainActionType = Exclude<
  AvailableActionType,
  | 'EscalateCase'
  | 'RespondToCase'
  | 'ExtendDeadline'
  | 'GiveConfidentialityNotice'
  | 'RecordExternalReferral'
  | 'CloseCase'
>;

/** An action whose form needs nothing from the case: offered when this input is accepted. */
const offeredIf =
  (request: Extract<Request, { type: PlainActionType }>): Probe =>
  ({ ask }) =>
    ask(request) ? { type: request.type } : null;

function escalation({ ask, current, policy }: Probing): AvailableAction | null {
  const data = { reason: REASON, inWriting: true };
  const asked = ask({ type: 'EscalateCase', data });
  const overridden = ask({ type: 'EscalateCase', data: { ...data, override: OVERRIDE } });
  const escalated = (asked ?? overridden)?.at(-1);
  if (escalated?.type !== 'CaseEscalated') return null;
  const { toStage, stageName } = escalated.data;
  return {
    type: 'EscalateCase',
    toStage,
    stageName,
    requiresWriting: stagePolicy(policy, toStage)?.entryRequiresWriting ?? false,
    windowEndsAt: current.escalationWindowEndsAt,
    overrideOnly: asked === null,
    mayOverride: overridden !== null,
  };
}

function response({ ask }: Probing): AvailableAction | null {
  const respond = (outcome: Outcome, addressedTo: Addressee) =>
    ask({ type: 'RespondToCase', data: { summary: 'Response summary', outcome, addressedTo } });
  const outcomes = OUTCOMES.filter((outcome) => respond(outcome, 'complainant'));
  if (outcomes.length === 0) return null;
  const addressees = ADDRESSEES.filter((to) => respond(outcomes[0], to));
  return { type: 'RespondToCase', outcomes, addressees };
}

function extendable(
  { ask, policy, calendar }: Probing,
  open: TrackedDeadline,
): ExtendableDeadline | null {
  if (open.stage === null) return null;
  const data = { deadline: open.kind, stage: open.stage, addWorkingDays: 1, reason: REASON };
  const asked = ask({ type: 'ExtendDeadline', data });
  const overridden = ask({ type: 'ExtendDeadline', data: { ...data, override: OVERRIDE } });
  if (asked === null && overridden === null) return null;
  const allowance = stagePolicy(policy, open.stage)?.extensionMaxWorkingDays ?? 0;
  const used = calendar.workingDaysBetween(new Date(open.originalDueBy), new Date(open.dueBy));
  return {
    deadline: open.kind,
    stage: open.stage,
    dueDate: open.dueDate,
    originalDueDate: open.originalDueDate,
    missed: open.missed,
    allowanceLeft: Math.max(0, allowance - used),
    overrideOnly: asked === null,
    mayOverride: overridden !== null,
  };
}

function extension(probing: Probing): AvailableAction | null {
  const { current } = probing;
  // The first open deadline of each kind: the one an extension moves (a reopened case may hold two).
  const open = current.deadlines.filter(
    (d, i, all) =>
      isOpenDeadline(d) &&
      d.stage === current.stage &&
      all.findIndex((o) => isOpenDeadline(o) && o.kind === d.kind && o.stage === d.stage) === i,
  );
  const deadlines = open
    .map((d) => extendable(probing, d))
    .filter((d): d is ExtendableDeadline => d !== null);
  return deadlines.length > 0 ? { type: 'ExtendDeadline', deadlines } : null;
}

function confidentialityNotice({ ask }: Probing): AvailableAction | null {
  const addressees = ADDRESSEES.filter((toldTo) =>
    ask({ type: 'GiveConfidentialityNotice', data: { explanation: 'Explanation', toldTo } }),
  );
  return addressees.length > 0 ? { type: 'GiveConfidentialityNotice', addressees } : null;
}

function externalReferral({ ask, policy }: Probing): AvailableAction | null {
  const external = policy.complaints.stages.find((s) => s.external);
  const body = external?.externalBody?.name ?? 'External body';
  if (!ask({ type: 'RecordExternalReferral', data: { body } })) return null;
  return { type: 'RecordExternalReferral', externalBody: external?.externalBody ?? null };
}

function closing({ ask }: Probing): AvailableAction | null {
  const reasons = CLOSE_REASONS.filter((reason) =>
    ask({
      type: 'CloseCase',
      data: {
        reason,
        ...(reason === 'redirected-to-appeals' ? { appealsBody: APPEALS_BODY } : {}),
      },
    }),
  );
  return reasons.length > 0 ? { type: 'CloseCase', reasons } : null;
}

/**
 * An action that does nothing where it is not needed (erasing an erased case, a second
 * hold): offered only when the decider would record something.
 */
const offeredIfRecorded =
  (request: Extract<Request, { type: PlainActionType }>): Probe =>
  ({ ask }) =>
    (ask(request)?.length ?? 0) > 0 ? { type: request.type } : null;

/** Every action, in the order the case page lists them. */
const PROBES: readonly Probe[] = [
  offeredIf({ type: 'AcknowledgeCase', data: {} }),
  offeredIf({
    type: 'AssignOwner',
    data: { owner: { id: 'available-actions:owner', name: 'Owner chosen on the form' } },
  }),
  escalation,
  response,
  extension,
  offeredIf({ type: 'RecordCorrespondence', data: { channel: 'email', summary: 'Summary' } }),
  offeredIf({ type: 'AddNote', data: { text: 'Note text' } }),
  offeredIf({
    type: 'AttachDocument',
    data: {
      documentId: 'available-actions:document',
      filename: 'document.pdf',
      mediaType: 'application/pdf',
      size: 1,
      sha256: '0'.repeat(64),
    },
  }),
  offeredIf({ type: 'RecordRepresentativeAuthorisation', data: {} }),
  offeredIf({
    type: 'RecordGuardianNotification',
    data: { guardianName: 'Guardian name', method: 'phone' },
  }),
  offeredIf({ type: 'WaiveGuardianNotification', data: { reason: REASON } }),
  confidentialityNotice,
  externalReferral,
  offeredIf({ type: 'ChangeCategories', data: { categories: ['Category from the form'] } }),
  closing,
  offeredIf({ type: 'ReopenCase', data: { reason: REASON } }),
  offeredIfRecorded({ type: 'PlaceLegalHold', data: { reason: REASON } }),
  offeredIfRecorded({ type: 'LiftLegalHold', data: { reason: REASON } }),
  offeredIfRecorded({ type: 'EraseCase', data: { reason: REASON } }),
];

/** One decider per policy: its calendar is worth building once. */
const deciders = new WeakMap<Policy, CaseDecider>();
function deciderFor(policy: Policy): CaseDecider {
  let decider = deciders.get(policy);
  if (!decider) {
    decider = createCaseDecider(policy);
    deciders.set(policy, decider);
  }
  return decider;
}

/**
 * The actions this person may take on this case now. Each is asked of the decider itself
 * (which applies `authorise` first) with representative valid input, so what is offered
 * is exactly what would be accepted: the rules live in the decisions and the access
 * rules only. The case is taken as the scheduled jobs would have left it by `now`, as
 * the decider takes it.
 */
export function availableActions(
  state: Case,
  actor: Actor,
  policy: Policy,
  now: Date,
): AvailableAction[] {
  const decider = deciderFor(policy);
  const due = dueSystemWork(state, { policy, calendar: decider.calendar, now }, now.toISOString());
  const current = foldCase(due, state) ?? state; // work on a case never un-records it
  const ask: Ask = (request) => {
    try {
      return decider.decide({ ...request, actor }, current, now);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  };
  const probing: Probing = { ask, current, policy, calendar: decider.calendar };
  return PROBES.map((probe) => probe(probing)).filter((action) => action !== null);
}
