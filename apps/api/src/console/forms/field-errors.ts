import { DomainError } from '#domain';
import { ApiProblemError, type FieldError } from '../../http/problem';

/** One error as a page shows it: in the summary (linking to the field) and beside the field. */
export interface FormError {
  text: string;
  href: string;
}

export interface FormErrors {
  /** For the error summary, in order. */
  list: FormError[];
  /** By field id, for the message beside each field. */
  byField: Record<string, { text: string }>;
}

/** Field paths of the API (`complainant.email`) become element ids (`complainant-email`). */
export const fieldId = (field: string) => field.replace(/[.[\]]+/g, '-').replace(/-$/, '');

/** First letter up: the API's messages start with the field name in lower case. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Errors for a page. `labels` puts a form's words for a field in place of the API's path
 * at the start of a message ("complainant.email must be an email" → "Their email address
 * must be an email").
 */
export function formErrors(
  fields: FieldError[],
  labels: Record<string, string> = {},
  fallbackField = 'main-content',
): FormErrors {
  const worded = fields.map(({ field, message }) => ({
    id: fieldId(field || fallbackField),
    text: sentence(
      labels[field] && message.startsWith(field)
        ? labels[field] + message.slice(field.length)
        : message,
    ),
  }));
  const byField: FormErrors['byField'] = {};
  for (const { id, text } of worded) byField[id] ??= { text };
  return { list: worded.map(({ id, text }) => ({ text, href: `#${id}` })), byField };
}

/**
 * The refusals a form shows beside its fields (bad input, a rule of the policy): the
 * field errors they carry, or one general error. Anything else is not the form's to show.
 */
export function refusalAsFieldErrors(error: unknown): FieldError[] | null {
  if (error instanceof ApiProblemError && error.status < 500) {
    const problem = error.toProblem();
    return problem.errors?.length ? problem.errors : [{ field: '', message: problem.detail }];
  }
  if (error instanceof DomainError && error.kind !== 'not-found')
    return [{ field: error.field ?? '', message: error.message }];
  return null;
}
