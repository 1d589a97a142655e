import type { LetterTemplate } from '#domain';
import type { CaseCommandRouteName } from '../../../cases/case-requests';
import type { FieldError } from '../../../http/problem';
import type { ConsolePerson } from '../../sessions/console-people.port';

/** A form as posted: `application/x-www-form-urlencoded`, names as the inputs have them. */
export type FormFields = Record<string, unknown>;

/** What a form builds its API request from, besides the fields. */
export interface FormSources {
  /** Active people, for the owner picker. */
  people: readonly ConsolePerson[];
}

/** What a form's fields come to: the API request (not yet validated), or the fields at fault. */
export interface FormReading {
  request: Record<string, unknown>;
  errors: FieldError[];
}

/** One action on a case, as a page with its own short form. */
export interface ActionForm {
  /** The API's command, whose request class and domain command this form sends. */
  route: CaseCommandRouteName;
  /** Link text and heading. */
  label: string;
  /** The banner on the case page once it is recorded. */
  done: string;
  /** The letter the complainant is owed after it, offered in that banner. */
  letter?: LetterTemplate;
  /** The form's inputs, by name (and id), besides its dates and times. */
  inputs: readonly string[];
  /** Date-and-time fields, read in the policy's zone (each `<name>-day`, … `<name>-time`). */
  times?: readonly string[];
  /** The API request's other fields from the form. */
  read(fields: FormFields, sources: FormSources): FormReading;
  /** Where the API's field names differ from the form's. */
  formFieldOf?: Record<string, string>;
  /** What to say when a required field is left out, by the API's field name. */
  required: Record<string, string>;
}

/** A text field as typed: trimmed, and absent when empty (so an optional field is left out). */
export const typed = (fields: FormFields, name: string): string | undefined => {
  const value = fields[name];
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? undefined : value;
};

const only = (request: Record<string, unknown>): FormReading => ({ request, errors: [] });

const textFields =
  (...names: string[]) =>
  (fields: FormFields): FormReading =>
    only(Object.fromEntries(names.map((name) => [name, typed(fields, name)])));

/** "mentoring, fees" or one a line: the list, without blanks. */
const listOf = (text: string | undefined) =>
  (text ?? '')
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

function readOwner(fields: FormFields, { people }: FormSources): FormReading {
  const id = typed(fields, 'owner');
  const owner = people.find((candidate) => candidate.id === id && candidate.active);
  if (id !== undefined && !owner)
    return { request: {}, errors: [{ field: 'owner', message: 'Choose an owner from the list' }] };
  return only({ owner: owner && { id: owner.id, name: owner.name } });
}

function readEscalation(fields: FormFields): FormReading {
  const overrideReason = typed(fields, 'overrideReason');
  return only({
    reason: typed(fields, 'reason'),
    inWriting: fields.inWriting === 'yes' ? true : undefined,
    override: overrideReason === undefined ? undefined : { reason: overrideReason },
  });
}

function readGuardianDecision(fields: FormFields): FormReading {
  switch (fields.decision) {
    case 'notified':
      return only({ guardianName: typed(fields, 'guardianName'), method: typed(fields, 'method') });
    case 'waived':
      return only({ waived: true, reason: typed(fields, 'reason') });
    default:
      return {
        request: {},
        errors: [
          {
            field: 'decision',
            message: 'Choose whether a parent or guardian was told, or will not be',
          },
        ],
      };
  }
}

/** Which deadline, as its radio's value says it: `response:2` → the response deadline at stage 2. */
export const deadlineChoice = (deadline: string, stage: number) => `${deadline}:${stage}`;

/** The new due date's day, month and year boxes as a date (YYYY-MM-DD), checked by the API. */
function typedDate(fields: FormFields, name: string): string {
  const [day, month, year] = ['day', 'month', 'year'].map((part) =>
    (typed(fields, `${name}-${part}`) ?? '').trim(),
  );
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A whole number as typed, or the text itself for the API to refuse in its own words. */
const typedNumber = (text: string | undefined) =>
  text !== undefined && /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : text;

function readExtension(fields: FormFields): FormReading {
  const [deadline, stage] = (typed(fields, 'which') ?? '').split(':');
  const errors: FieldError[] = [];
  if (!deadline || !stage)
    errors.push({ field: 'which', message: 'Choose which deadline to extend' });
  const by = fields.by;
  if (by !== 'days' && by !== 'date')
    errors.push({ field: 'by', message: 'Choose whether to add working days or give a new date' });
  const overrideReason = typed(fields, 'overrideReason');
  return {
    request: {
      deadline,
      stage: Number(stage),
      ...(by === 'days' && { addWorkingDays: typedNumber(typed(fields, 'addWorkingDays')) }),
      ...(by === 'date' && { newDueDate: typedDate(fields, 'newDueDate') }),
      reason: typed(fields, 'reason'),
      override: overrideReason === undefined ? undefined : { reason: overrideReason },
    },
    errors,
  };
}

/** Every action the case page offers, by the path it posts to (the API's own path). */
export const ACTION_FORMS: Record<string, ActionForm> = {
  acknowledge: {
    inputs: ['method', 'note'],
    route: 'AcknowledgeCase',
    label: 'Acknowledge',
    done: 'The case was acknowledged.',
    letter: 'acknowledgement',
    times: ['at'],
    read: textFields('method', 'note'),
    required: {},
  },
  assign: {
    inputs: ['owner'],
    route: 'AssignOwner',
    label: 'Assign an owner',
    done: 'The owner was assigned.',
    read: readOwner,
    required: { owner: 'Choose an owner' },
  },
  escalate: {
    inputs: ['reason', 'inWriting', 'overrideReason'],
    route: 'EscalateCase',
    label: 'Escalate to the next stage',
    done: 'The complaint was escalated.',
    times: ['requestReceivedAt'],
    read: readEscalation,
    formFieldOf: { override: 'overrideReason' },
    required: { reason: 'Enter why it is escalated' },
  },
  respond: {
    inputs: ['summary', 'outcome', 'addressedTo', 'learning'],
    route: 'RespondToCase',
    label: 'Record the response',
    done: 'The response was recorded.',
    letter: 'response',
    times: ['at'],
    read: textFields('summary', 'outcome', 'addressedTo', 'learning'),
    required: { summary: 'Enter a summary of the response', outcome: 'Choose the outcome' },
  },
  'extend-deadline': {
    inputs: ['which', 'by', 'addWorkingDays', 'newDueDate', 'reason', 'overrideReason'],
    route: 'ExtendDeadline',
    label: 'Extend a deadline',
    done: 'The deadline was extended.',
    letter: 'extension',
    times: ['complainantInformedAt'],
    read: readExtension,
    formFieldOf: { deadline: 'which', stage: 'which', override: 'overrideReason' },
    required: {
      addWorkingDays: 'Enter how many working days to add',
      newDueDate: 'Enter the new due date',
      reason: 'Enter why the deadline is extended',
    },
  },
  correspondence: {
    inputs: ['channel', 'summary'],
    route: 'RecordCorrespondence',
    label: 'Record correspondence',
    done: 'The correspondence was recorded.',
    times: ['receivedAt'],
    read: textFields('channel', 'summary'),
    required: { channel: 'Choose how it arrived', summary: 'Enter what it said' },
  },
  notes: {
    inputs: ['text'],
    route: 'AddNote',
    label: 'Add a note',
    done: 'The note was added.',
    read: textFields('text'),
    required: { text: 'Enter the note' },
  },
  'representative-authorisation': {
    inputs: ['documentId'],
    route: 'RecordRepresentativeAuthorisation',
    label: 'Record the representative’s authority',
    done: 'The representative’s authority was recorded.',
    times: ['receivedAt'],
    read: textFields('documentId'),
    required: {},
  },
  'guardian-notification': {
    inputs: ['decision', 'guardianName', 'method', 'reason'],
    route: 'RecordGuardianNotification',
    label: 'Record the guardian decision',
    done: 'The guardian decision was recorded.',
    times: ['notifiedAt'],
    read: readGuardianDecision,
    formFieldOf: { waived: 'decision' },
    required: {
      guardianName: 'Enter the name of the parent or guardian',
      method: 'Enter how they were told',
      reason: 'Enter why they will not be told',
    },
  },
  'confidentiality-notice': {
    inputs: ['explanation', 'toldTo'],
    route: 'GiveConfidentialityNotice',
    label: 'Record that confidentiality cannot be kept',
    done: 'The confidentiality notice was recorded.',
    times: ['at'],
    read: textFields('explanation', 'toldTo'),
    required: { explanation: 'Enter why confidentiality cannot be kept' },
  },
  'external-referral': {
    inputs: ['body', 'externalReference'],
    route: 'RecordExternalReferral',
    label: 'Record an external referral',
    done: 'The referral was recorded.',
    times: ['referredAt'],
    read: textFields('body', 'externalReference'),
    required: { body: 'Enter who it was referred to' },
  },
  categories: {
    inputs: ['categories'],
    route: 'ChangeCategories',
    label: 'Change the categories',
    done: 'The categories were changed.',
    read: (fields) => only({ categories: listOf(typed(fields, 'categories')) }),
    required: {},
  },
  close: {
    inputs: ['reason', 'note', 'appealsBody', 'learning'],
    route: 'CloseCase',
    label: 'Close the case',
    done: 'The case was closed.',
    read: textFields('reason', 'note', 'appealsBody', 'learning'),
    required: { reason: 'Choose why it is closed' },
  },
  reopen: {
    inputs: ['reason'],
    route: 'ReopenCase',
    label: 'Reopen the case',
    done: 'The case was reopened.',
    read: textFields('reason'),
    required: { reason: 'Enter why it is reopened' },
  },
  'legal-hold': {
    inputs: ['reason'],
    route: 'PlaceLegalHold',
    label: 'Place legal hold',
    done: 'The case is under a legal hold: it will not be erased until the hold is lifted.',
    read: textFields('reason'),
    required: { reason: 'Enter why the case is held' },
  },
  'lift-legal-hold': {
    inputs: ['reason'],
    route: 'LiftLegalHold',
    label: 'Lift legal hold',
    done: 'The legal hold was lifted.',
    read: textFields('reason'),
    required: { reason: 'Enter why the hold is lifted' },
  },
  erase: {
    inputs: ['reason'],
    route: 'EraseCase',
    label: 'Erase personal data',
    done: 'The case’s personal data was erased.',
    read: textFields('reason'),
    required: { reason: 'Enter why the personal data is erased' },
  },
};
