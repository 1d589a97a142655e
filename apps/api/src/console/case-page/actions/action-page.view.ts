import type { Case, Policy } from '#domain';
import { ADDRESSEES, CHANNELS, CLOSE_REASONS, OUTCOMES } from '#domain';
import type { VisibleCase } from '../../../cases/case-stream';
import type { ConsolePerson } from '../../sessions/console-people.port';
import { instantInWords } from '../../rendering/people-time';
import {
  ADDRESSEE_WORDS,
  CHANNEL_WORDS,
  CLOSE_REASON_WORDS,
  OUTCOME_WORDS,
  capitalised,
} from '../case-vocabulary';
import { timelineOf } from '../timeline';
import type { ActionForm, FormFields } from './action-forms';
import type { FormError } from './action-request';

const choices = <Code extends string>(codes: readonly Code[], words: Record<Code, string>) =>
  codes.map((value) => ({ value, text: capitalised(words[value]) }));

/** What a form shows when first opened: empty, but for what the case already holds. */
export function freshValues(form: ActionForm, found: Case): FormFields {
  if (form.route === 'ChangeCategories') return { categories: found.categories.join(', ') };
  if (form.route === 'AssignOwner') return { owner: found.owner?.id ?? '' };
  return {};
}

/** The window to ask for the next stage, in words, for the escalation form. */
function escalationWindow(found: Case, policy: Policy, timeZone: string, now: Date) {
  const next = policy.complaints.stages.find((stage) => stage.stage === (found.stage ?? 0) + 1);
  const endsAt = found.escalationWindowEndsAt;
  return {
    nextStage: next ? `stage ${next.stage} (${next.name})` : null,
    window:
      endsAt === null
        ? 'The window to ask for the next stage opens with this stage’s response.'
        : `${endsAt < now.toISOString() ? 'The window to ask for the next stage closed' : 'A request for the next stage may be made until'} ${instantInWords(endsAt, timeZone)}.`,
  };
}

export interface ActionPageState {
  person: ConsolePerson;
  people: readonly ConsolePerson[];
  policy: Policy;
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
  { person, people, policy, now, values, errors = [], changedSince, revision }: ActionPageState,
) {
  const found = visible.state;
  const address = `/cases/${found.reference}`;
  const timeZone = policy.timeZone;
  return {
    pageTitle:
      changedSince === undefined
        ? `${form.label}: ${found.reference}`
        : `This case was changed while you were looking at it: ${found.reference}`,
    reference: found.reference,
    summary: found.summary,
    address,
    form: { path: form.path, label: form.label, action: `${address}/${form.path}` },
    revision: revision ?? visible.revision,
    values,
    errors: errors.map((error) => ({ text: error.text, href: `#${error.id ?? 'action-form'}` })),
    fieldErrors: Object.fromEntries(
      errors.filter((error) => error.id !== null).map((error) => [error.id, error.text]),
    ),
    formErrors: errors.filter((error) => error.id === null).map((error) => error.text),
    changed: changedSince === undefined ? null : timelineOf(visible.events, timeZone, changedSince),
    options: {
      people: people.map((candidate) => ({ value: candidate.id, text: candidate.name })),
      authorityDocuments: [
        ...found.documents.map((document) => ({ value: document.id, text: document.filename })),
        ...(found.documents.length > 0 ? [{ divider: 'or' }] : []),
        { value: '', text: 'It is not attached' },
      ],
      outcomes: choices(OUTCOMES, OUTCOME_WORDS),
      channels: choices(CHANNELS, CHANNEL_WORDS),
      addressees: found.representative ? choices(ADDRESSEES, ADDRESSEE_WORDS) : [],
      closeReasons: choices(CLOSE_REASONS, CLOSE_REASON_WORDS),
      mayOverride: person.roles.includes('senior-manager'),
      escalation: escalationWindow(found, policy, timeZone, now),
    },
  };
}
