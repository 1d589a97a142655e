import type { ReceiveCase } from '../case.commands';
import { CaseStateConflictError, InvalidCommandError, PolicyRuleError } from '../case.errors';
import type { CaseClosed, CaseEvent, CaseReceived } from '../case.events';
import { WRITTEN_CHANNELS, type Formality } from '../case.model';
import type { CaseState } from '../case.state';
import { feedbackDeadlines, stageDeadlines } from './deadlines';
import {
  businessTime,
  normaliseCategories,
  personOf,
  stagePolicy,
  type DecisionContext,
} from './decision-context';

/** Formal complaints start at the formal stage; a written one is formal where the policy says so. */
function complaintFormality(
  command: ReceiveCase,
  context: DecisionContext,
  inWriting: boolean,
): Formality {
  const { formality } = command.data;
  if (context.policy.rules.writtenComplaintsAreFormal && inWriting) {
    if (formality === 'informal') {
      throw new PolicyRuleError(
        'written-complaints-are-formal',
        `Under the ${context.policy.organisation} policy a complaint received in writing is formal and needs investigation.`,
      );
    }
    return 'formal';
  }
  return formality ?? 'informal';
}

function refuseComplaintOnlyFields(command: ReceiveCase): void {
  const { kind, formality, assessmentRelated } = command.data;
  if (formality !== undefined) {
    throw new InvalidCommandError(
      'formality',
      'formality-for-complaints',
      `formality applies to complaints only, not to a ${kind}.`,
    );
  }
  if (assessmentRelated) {
    throw new InvalidCommandError(
      'assessmentRelated',
      'assessment-for-complaints',
      'Only complaints go to the assessment appeals procedure.',
    );
  }
}

export function receiveCase(
  command: ReceiveCase,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  if (state !== null) {
    throw new CaseStateConflictError('case-exists', `Case ${state.reference} already exists.`);
  }
  const { data } = command;
  const { policy } = context;
  const receivedAt = businessTime(command, context);
  const inWriting = WRITTEN_CHANNELS.includes(data.channel);
  const resolvedAtFirstContact = data.resolvedAtFirstContact !== undefined;

  if (data.shareAsGoodPractice && data.kind !== 'compliment') {
    throw new InvalidCommandError(
      'shareAsGoodPractice',
      'good-practice-for-compliments',
      'Only compliments are shared as good practice.',
    );
  }

  let formality: Formality | null = null;
  let stage: number | null = null;
  let stageName: string | null = null;
  let deadlines: CaseReceived['data']['deadlines'] = [];

  if (data.kind === 'complaint') {
    formality = complaintFormality(command, context, inWriting);
    if (resolvedAtFirstContact && formality === 'formal') {
      throw new PolicyRuleError(
        'formal-complaint-needs-investigation',
        'A formal complaint needs investigation; it cannot be resolved at first contact.',
      );
    }
    const entry = stagePolicy(
      policy,
      formality === 'formal'
        ? policy.complaints.formalEntryStage
        : policy.complaints.informalEntryStage,
    );
    if (!entry)
      throw new Error(`Policy ${policy.id} has no entry stage for ${formality} complaints`);
    stage = entry.stage;
    stageName = entry.name;
    if (!resolvedAtFirstContact) deadlines = stageDeadlines(context, entry, receivedAt);
  } else {
    refuseComplaintOnlyFields(command);
    if (!resolvedAtFirstContact) {
      deadlines = feedbackDeadlines(
        context,
        policy.feedback[data.kind],
        data.responseRequested ?? false,
        receivedAt,
      );
    }
  }

  const received: CaseReceived = {
    type: 'CaseReceived',
    occurredAt: receivedAt,
    data: {
      caseId: data.caseId,
      reference: data.reference,
      kind: data.kind,
      formality,
      channel: data.channel,
      inWriting,
      summary: data.summary,
      details: data.details ?? null,
      complainant: { ...data.complainant, under18: data.complainant.under18 ?? false },
      representative: data.representative ?? null,
      categories: normaliseCategories(data.categories ?? []),
      assessmentRelated: data.assessmentRelated ?? false,
      responseRequested: data.responseRequested ?? false,
      shareAsGoodPractice: data.shareAsGoodPractice ?? false,
      owner: data.owner ?? null,
      recipient: personOf(command.actor),
      stage,
      stageName,
      deadlines,
      policyId: policy.id,
      policyVersion: policy.version,
    },
  };
  if (!data.resolvedAtFirstContact) return [received];

  // Resolved there and then by the Recipient: still logged, so it counts in the trends.
  const closed: CaseClosed = {
    type: 'CaseClosed',
    occurredAt: receivedAt,
    data: {
      reason: 'resolved-at-first-contact',
      note: data.resolvedAtFirstContact.resolution,
      appealsBody: null,
    },
  };
  return [received, closed];
}
