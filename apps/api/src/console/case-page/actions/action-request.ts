import { CASE_COMMAND_ROUTES, given } from '../../../cases/case-requests';
import { InputValidationError, type FieldError } from '../../../http/problem';
import { validateRequest } from '../../forms/validate-request';
import { instantInWords } from '../../rendering/people-time';
import type { ActionForm, FormFields, FormSources } from './action-forms';
import { readTypedTime } from './typed-time';

/** An error as a form shows it: beside the input with this id, and in the error summary. */
export interface FormError {
  /** The input's id, or null for a refusal of the whole form. */
  id: string | null;
  text: string;
}

/** What the form's fields come to: the API's request, validated, or what is wrong. */
export type ActionRequest = { request: object } | { errors: FieldError[] };

function readTimes(form: ActionForm, fields: FormFields, timeZone: string) {
  const request: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const name of form.times ?? []) {
    const reading = readTypedTime(
      {
        day: fields[`${name}-day`],
        month: fields[`${name}-month`],
        year: fields[`${name}-year`],
        time: fields[`${name}-time`],
      },
      timeZone,
    );
    if ('instant' in reading) request[name] = reading.instant;
    if ('error' in reading) errors.push({ field: name, message: reading.error });
  }
  return { request, errors };
}

/**
 * The API request a form asks for, checked by the API's own request class and validation
 * pipe; what is wrong is named by the API's field names, each once.
 */
export async function actionRequest(
  form: ActionForm,
  fields: FormFields,
  sources: FormSources,
  timeZone: string,
): Promise<ActionRequest> {
  const times = readTimes(form, fields, timeZone);
  const rest = form.read(fields, sources);
  const plain = given({ ...rest.request, ...times.request });
  const errors = [...times.errors, ...rest.errors];
  // Without the choice that says which fields apply, what else is missing means nothing yet.
  if (rest.errors.length > 0) return { errors };
  try {
    const request = await validateRequest<object>(CASE_COMMAND_ROUTES[form.route].request, plain);
    return errors.length === 0 ? { request } : { errors };
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    const named = new Set(errors.map((e) => e.field.split('.')[0]));
    return {
      errors: [...errors, ...error.errors.filter((e) => !named.has(e.field.split('.')[0]))],
    };
  }
}

/** The id of the input an API field is typed into, or null when the form has none for it. */
export function inputIdOf(form: ActionForm, apiField: string): string | null {
  const top = apiField.split('.')[0];
  const name = form.formFieldOf?.[top] ?? top;
  if (form.times?.includes(name)) return `${name}-day`;
  return form.inputs.includes(name) ? name : null;
}

const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/** A refusal's text with its ISO instants as the policy's clocks showed them, in words. */
export const instantsInWords = (text: string, timeZone: string) =>
  text.replace(INSTANT, (instant) => instantInWords(instant, timeZone));

/**
 * Field errors as the form shows them, in words: a required field left out says what to
 * enter; a date and time is called that rather than by the API's name for it; a field the
 * form has no input for is a refusal of the whole form.
 */
export function formErrorsOf(
  form: ActionForm,
  errors: readonly FieldError[],
  timeZone: string,
): FormError[] {
  return errors.map(({ field, message }) => {
    const top = field.split('.')[0];
    const missing = message === `${field} is required` || message === `${top} is required`;
    const named =
      form.times?.includes(top) && message.startsWith(`${top} `)
        ? `The date and time ${message.slice(top.length + 1)}`
        : message;
    return {
      id: inputIdOf(form, field),
      text: (missing && form.required[top]) || instantsInWords(named, timeZone),
    };
  });
}
