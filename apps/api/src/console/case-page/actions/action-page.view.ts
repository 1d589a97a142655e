import type { AvailableAction, AvailableActionType, Case } from '#domain';
import { CHANNELS } from '#domain';
import type { VisibleCase } from '../../../cases/case-stream';
import type { ConsolePerson } from '../../sessions/console-people.port';
import { dateInWords, instantInWords } from '../../rendering/people-time';
import {
  ADDRESSEE_WORDS,
  CHANNEL_WORDS,
  CLOSE_REASON_WORDS,
  DEADLINE_WORDS,
  OUTCOME_WORDS,
  capitalised,
} from '../../rendering/vocabulary';
import { timelineOf } from '../timeline';
import { deadlineChoice, type ActionForm, type FormFields } from './action-forms';
import type { FormError } from './action-request';

const choices = <Code extends string>(codes: readonly Code[], words: Record<Code, string>) =>
  codes.map((value) => ({ value, text: capitalised(words[value]) }));

/** What a form shows when first opened: empty, but for what the case already holds. */
export function freshValues(form: ActionForm, found: Case): FormFields {
  if (form.route === 'ChangeCategories') return { categories: found.categories.join(', ') };
  if (form.route === 'AssignOwner') return { owner: found.owner?.id ?? '' };
  return {};
}

type Offered<Type extends AvailableActionType> = Extract<AvailableAction, { type: Type }>;

const offeredOf = <Type extends AvailableActionType>(offered: AvailableAction[], type: Type) =>
  offered.find((action): action is Offered<Type> => action.type === type);

/** The stage an escalation goes to and the window to ask for it, in words. */
function escalationInWords(
  action: Offered<'EscalateCase'> | undefined,
  timeZone: string,
  now: Date,
) {
  if (!action) return null;
  const { windowEndsAt } = action;
  const window =
    windowEndsAt === null
      ? action.overrideOnly
        ? 'The request for the next stage comes after this stage’s response: only a senior manager’s override can accept it now.'
        : null
      : `${windowEndsAt < now.toISOString() ? 'The window to ask for the next stage closed' : 'The next stage may be asked for until'} ${instantInWords(windowEndsAt, timeZone)}.`;
  return {
    to: `To stage ${action.toStage} (${action.stageName}).`,
    window,
    requiresWriting: action.requiresWriting,
    overrideOnly: action.overrideOnly,
    mayOverride: action.mayOverride,
  };
}

/** The deadlines that may be extended, as radios, and whether only an override will do. */
function extensionInWords(action: Offered<'ExtendDeadline'> | undefined) {
  if (!action) return null;
  const deadlines = action.deadlines.map((d) => ({
    value: deadlineChoice(d.deadline, d.stage),
    text: `${DEADLINE_WORDS[d.deadline]}, stage ${d.stage}: due ${dateInWords(d.dueDate)}`,
    hint: {
      text: [
        d.dueDate === d.originalDueDate ? null : `First due ${dateInWords(d.originalDueDate)}.`,
        d.missed ? 'Already missed: it stays recorded as missed.' : null,
        d.overrideOnly
          ? 'The policy allows no more: only a senior manager’s override can extend it.'
          : `The policy allows ${d.allowanceLeft} more working day${d.allowanceLeft === 1 ? '' : 's'}${d.mayOverride ? '; beyond that, give an override' : ''}.`,
      ]
        .filter((line) => line !== null)
        .join(' '),
    },
  }));
  return {
    deadlines,
    single: deadlines.length === 1 ? deadlines[0].value : null,
    mayOverride: action.deadlines.some((d) => d.mayOverride),
    overrideOnly: action.deadlines.every((d) => d.overrideOnly),
  };
}

/** The choices each form offers: only those the domain would accept now. */
function formOptions(offered: AvailableAction[], found: Case, people: readonly ConsolePerson[]) {
  const respond = offeredOf(offered, 'RespondToCase');
  const addressees = respond?.addressees ?? [];
  const closeReasons = offeredOf(offered, 'CloseCase')?.reasons ?? [];
  return {
    people: people.map((candidate) => ({ value: candidate.id, text: candidate.name })),
    authorityDocuments: [
      ...found.documents.map((document) => ({ value: document.id, text: document.filename })),
      ...(found.documents.length > 0 ? [{ divider: 'or' }] : []),
      { value: '', text: 'It is not attached' },
    ],
    outcomes: choices(respond?.outcomes ?? [], OUTCOME_WORDS),
    // Only worth asking when the representative may be written to.
    addressees: addressees.length > 1 ? choices(addressees, ADDRESSEE_WORDS) : [],
    toldTo: choices(
      offeredOf(offered, 'GiveConfidentialityNotice')?.addressees ?? [],
      ADDRESSEE_WORDS,
    ),
    channels: choices(CHANNELS, CHANNEL_WORDS),
    closeReasons: choices(closeReasons, CLOSE_REASON_WORDS),
    toAppeals: closeReasons.includes('redirected-to-appeals'),
    guardian: {
      notify: offeredOf(offered, 'RecordGuardianNotification') !== undefined,
      waive: offeredOf(offered, 'WaiveGuardianNotification') !== undefined,
    },
  };
}

export interface ActionPageState {
  /** The domain's actions this form may send now, with the choices each allows. */
  offered: AvailableAction[];
  people: readonly ConsolePerson[];
  timeZone: string;
  now: Date;
  values: FormFields;
  errors?: FormError[];
  /** The revision the person's form was for, when the case has moved on since. */
  changedSince?: number;
  /** The revision the form is for: the case's own unless the form was for an earlier one. */
  revision?: number;
}

/** An action's page: the case it is for, its form as typed, and what went wrong or changed. */
export function actionPageView(
  form: ActionForm & { path: string },
  visible: VisibleCase,
  state: ActionPageState,
) {
  const { offered, people, timeZone, now, values, errors = [], changedSince } = state;
  const found = visible.state;
  const address = `/cases/${found.reference}`;
  return {
    pageTitle:
      changedSince === undefined
        ? `${form.label}: ${found.reference}`
        : `This case was changed while you were looking at it: ${found.reference}`,
    reference: found.reference,
    summary: found.summary,
    address,
    form: { path: form.path, label: form.label, action: `${address}/${form.path}` },
    revision: state.revision ?? visible.revision,
    values,
    errors: errors.map((error) => ({ text: error.text, href: `#${error.id ?? 'action-form'}` })),
    fieldErrors: Object.fromEntries(
      errors.filter((error) => error.id !== null).map((error) => [error.id, error.text]),
    ),
    formErrors: errors.filter((error) => error.id === null).map((error) => error.text),
    changed: changedSince === undefined ? null : timelineOf(visible.events, timeZone, changedSince),
    options: formOptions(offered, found, people),
    escalation: escalationInWords(offeredOf(offered, 'EscalateCase'), timeZone, now),
    extension: extensionInWords(offeredOf(offered, 'ExtendDeadline')),
  };
}
