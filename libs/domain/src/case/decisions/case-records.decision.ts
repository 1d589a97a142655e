import type {
  AddNote,
  AttachDocument,
  ChangeCategories,
  RecordCorrespondence,
  RecordExternalReferral,
  RecordMissedDeadlines,
} from '../case.commands';
import { InvalidCommandError } from '../case.errors';
import type { CaseEvent } from '../case.events';
import type { CaseState } from '../case.state';
import { justAfter } from '../scheduled-work';
import { pendingDeadlines } from './deadlines';
import {
  businessTime,
  checkRecordedInWindow,
  normaliseCategories,
  requireCase,
  requireComplaint,
  requireInProgress,
  requireNotClosed,
  sinceReceipt,
  type DecisionContext,
} from './decision-context';

/** The most categories a case may have: the decision and the request validation both check it. */
export const MAX_CATEGORIES = 10;

/** Notes, documents and categories annotate the record, so closed cases accept them too. */
export function addNote(command: AddNote, state: CaseState, context: DecisionContext): CaseEvent[] {
  requireCase(state);
  return [
    { type: 'NoteAdded', occurredAt: context.now.toISOString(), data: { text: command.data.text } },
  ];
}

/** Attaching the same stored document again changes nothing. */
export function attachDocument(
  command: AttachDocument,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireCase(state);
  if (found.documents.some((d) => d.id === command.data.documentId)) return [];
  return [
    { type: 'DocumentAttached', occurredAt: context.now.toISOString(), data: { ...command.data } },
  ];
}

export function changeCategories(
  command: ChangeCategories,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireCase(state);
  const categories = normaliseCategories(command.data.categories);
  if (categories.length > MAX_CATEGORIES) {
    throw new InvalidCommandError(
      'categories',
      'too-many-categories',
      `A case has at most ${MAX_CATEGORIES} categories.`,
    );
  }
  if (
    categories.length === found.categories.length &&
    categories.every((c, i) => c === found.categories[i])
  )
    return [];
  return [
    {
      type: 'CategoriesChanged',
      occurredAt: context.now.toISOString(),
      data: { categories, previous: found.categories },
    },
  ];
}

export function recordCorrespondence(
  command: RecordCorrespondence,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireNotClosed(state);
  const { channel, summary } = command.data;
  const receivedAt = businessTime(command, context, sinceReceipt(found));
  // Correspondence after a response stops the case closing after its month of silence.
  const silence = {
    endsAt: found.autoCloseAt,
    what: 'of silence after the response',
    code: 'silence-window-closed-when-recorded',
  };
  return [
    {
      type: 'CorrespondenceReceived',
      occurredAt: receivedAt,
      data: {
        channel,
        summary,
        ...checkRecordedInWindow(silence, receivedAt, command.actor, context),
      },
    },
  ];
}

/** The complainant took it to the external body (DMM stage 4): no internal clock from here. */
export function recordExternalReferral(
  command: RecordExternalReferral,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireInProgress(state);
  requireComplaint(found, 'are referred to an external body');
  const external = context.policy.complaints.stages.find((s) => s.external);
  return [
    {
      type: 'ExternalReferralRecorded',
      occurredAt: businessTime(command, context, sinceReceipt(found)),
      data: {
        body: command.data.body,
        externalReference: command.data.externalReference ?? null,
        stage: external?.stage ?? found.stage,
        stageName: external?.name ?? found.stageName,
      },
    },
  ];
}

/** Each deadline that has passed unmet is recorded once, as missed the moment it ended. */
export function recordMissedDeadlines(
  _command: RecordMissedDeadlines,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  if (state === null) return [];
  const now = context.now.toISOString();
  return pendingDeadlines(state)
    .filter((d) => d.dueBy < now)
    .map(({ kind, stage, dueDate, dueBy }) => ({
      type: 'DeadlineMissed' as const,
      occurredAt: justAfter(dueBy),
      data: { kind, stage, dueDate, dueBy },
    }));
}
