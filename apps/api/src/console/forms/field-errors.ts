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

export function formErrors(fields: FieldError[], fallbackField = 'main-content'): FormErrors {
  const list = fields.map(({ field, message }) => ({
    text: sentence(message),
    href: `#${fieldId(field || fallbackField)}`,
  }));
  const byField: FormErrors['byField'] = {};
  for (const { field, message } of fields)
    byField[fieldId(field || fallbackField)] ??= { text: sentence(message) };
  return { list, byField };
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
