import {
  ADDRESSEES,
  LETTER_CHANNELS,
  LETTER_TEMPLATES,
  type Addressee,
  type LetterChannel,
  type LetterTemplate,
} from '#domain';
import { formText } from '../forms/form-text';
import {
  ADDRESSEE_WORDS,
  capitalised,
  LETTER_CHANNEL_WORDS,
  LETTER_TEMPLATE_WORDS,
} from '../rendering/vocabulary';

/** The letter form as posted. */
export interface LetterFormFields {
  template?: unknown;
  addressedTo?: unknown;
  subject?: unknown;
  body?: unknown;
  channels?: unknown;
  email?: unknown;
  /** Made when the form is first shown: a second press of "Send" is the same letter. */
  key?: unknown;
  /** What the person pressed: another template's draft, a preview, or send. */
  intent?: unknown;
}

export type LetterIntent = 'draft' | 'preview' | 'send';

/** The form's values as typed, bounded: what is shown again and what is sent. */
export interface LetterFormValues {
  template: LetterTemplate;
  addressedTo: Addressee;
  subject: string;
  body: string;
  channels: LetterChannel[];
  email: string;
  key: string;
}

/** Longest letter body the form takes: the API's own limit decides beyond the form. */
const MAX_BODY = 20_000;

const oneOf = <T extends string>(value: unknown, choices: readonly T[], fallback: T): T =>
  typeof value === 'string' && (choices as readonly string[]).includes(value)
    ? (value as T)
    : fallback;

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

export function letterFormValues(fields: LetterFormFields): LetterFormValues {
  return {
    template: oneOf(fields.template, LETTER_TEMPLATES, 'acknowledgement'),
    addressedTo: oneOf(fields.addressedTo, ADDRESSEES, 'complainant'),
    subject: formText(fields.subject),
    body: typeof fields.body === 'string' ? fields.body.slice(0, MAX_BODY) : '',
    channels: LETTER_CHANNELS.filter((channel) => listOf(fields.channels).includes(channel)),
    email: formText(fields.email),
    key: formText(fields.key, 100),
  };
}

export const intentOf = (fields: LetterFormFields): LetterIntent =>
  oneOf(fields.intent, ['draft', 'preview', 'send'] as const, 'draft');

/** The API request the form sends (checked by the API's own request class). */
export function letterRequestOf(values: LetterFormValues) {
  return {
    template: values.template,
    addressedTo: values.addressedTo,
    channels: values.channels,
    subject: values.subject,
    body: values.body,
    ...(values.email !== '' && { email: values.email }),
  };
}

/** The radios and checkboxes of the form, with what was chosen checked. */
export function letterChoices(values: LetterFormValues, hasRepresentative: boolean) {
  return {
    templates: LETTER_TEMPLATES.map((template) => ({
      value: template,
      text: capitalised(LETTER_TEMPLATE_WORDS[template]),
      checked: template === values.template,
    })),
    addressees: (hasRepresentative ? ADDRESSEES : (['complainant'] as const)).map((addressee) => ({
      value: addressee,
      text: capitalised(ADDRESSEE_WORDS[addressee]),
      checked: addressee === values.addressedTo,
    })),
    channels: LETTER_CHANNELS.map((channel) => ({
      value: channel,
      text: capitalised(LETTER_CHANNEL_WORDS[channel]),
      hint: {
        text:
          channel === 'email'
            ? 'Sent from the outbox; its delivery is shown with the letter.'
            : 'A PDF letter to print, kept with the case’s documents.',
      },
      checked: values.channels.includes(channel),
    })),
  };
}
