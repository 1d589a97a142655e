import { randomUUID } from 'node:crypto';
import { SUBJECT_ACCESS_MATCHES } from '#domain';
import type { SubjectAccessRequest } from '../../subject-access/subject-access-search';
import { formText } from '../forms/form-text';

/** The form as typed: the three ways to find a person, and the key that makes a download once. */
export interface SubjectAccessFormValues extends Required<SubjectAccessRequest> {
  key: string;
}

/** The form's words for the API's fields, at the start of its messages. */
export const SUBJECT_ACCESS_LABELS = {
  email: 'E-mail address',
  phone: 'Phone number',
  name: 'Full name',
};

/** What was posted, trimmed; a fresh key when none came with it (the search form). */
export function subjectAccessFormValues(fields: Record<string, unknown>): SubjectAccessFormValues {
  const key = formText(fields.key);
  return {
    email: formText(fields.email),
    phone: formText(fields.phone),
    name: formText(fields.name),
    key: /^[0-9a-f-]{36}$/.test(key) ? key : randomUUID(),
  };
}

/** The request the API would be sent: only the fields filled in. */
export const subjectAccessRequestOf = (values: SubjectAccessFormValues): SubjectAccessRequest =>
  Object.fromEntries(
    SUBJECT_ACCESS_MATCHES.filter((f) => values[f] !== '').map((f) => [f, values[f]]),
  );
