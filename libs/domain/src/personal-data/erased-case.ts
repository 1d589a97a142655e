import type { CaseEvent } from '../case/case.events';
import type { Case } from '../case/case.state';
import { ERASED_TEXT, personalFieldsOf } from './personal-fields';

/** The value at `a.b` in an event's data, if there is one. */
function valueAt(data: object, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Where this event holds personal data, as `<event type>.<path>`: the personal fields it
 * has a value for (an absent e-mail is no personal data).
 */
export function personalFieldsHeld(event: CaseEvent): string[] {
  return personalFieldsOf(event.type)
    .filter((path) => {
      const value = valueAt(event.data, path);
      return value !== undefined && value !== null;
    })
    .map((path) => `${event.type}.${path}`);
}

/** The case's list of personal fields, with those of this event added (once each, sorted). */
export function withFieldsOf(fields: readonly string[], event: CaseEvent): string[] {
  const held = personalFieldsHeld(event);
  if (held.every((field) => fields.includes(field))) return fields as string[];
  return [...new Set([...fields, ...held])].sort();
}

const erased = <Value extends string | null | undefined>(
  value: Value,
): Value | typeof ERASED_TEXT => (value === null || value === undefined ? value : ERASED_TEXT);

/**
 * The case with its personal data replaced by ERASED_TEXT, what reports count left as it
 * was (kinds, stages, dates, outcomes, categories, learning points, the staff who acted).
 * The read models keep a folded case, so this is also what purges them.
 */
export function erasedCase(found: Case): Case {
  const { complainant, representative } = found;
  return {
    ...found,
    summary: ERASED_TEXT,
    details: erased(found.details),
    complainant: {
      ...complainant,
      name: ERASED_TEXT,
      ...(complainant.email !== undefined && { email: ERASED_TEXT }),
      ...(complainant.phone !== undefined && { phone: ERASED_TEXT }),
    },
    representative: representative && {
      ...representative,
      name: ERASED_TEXT,
      relationship: ERASED_TEXT,
      ...(representative.email !== undefined && { email: ERASED_TEXT }),
      ...(representative.phone !== undefined && { phone: ERASED_TEXT }),
    },
    documents: found.documents.map((document) => ({ ...document, filename: ERASED_TEXT })),
    externalReferral: found.externalReferral && {
      ...found.externalReferral,
      externalReference: erased(found.externalReferral.externalReference),
    },
    deadlines: found.deadlines.map((deadline) => ({
      ...deadline,
      extensions: deadline.extensions.map((extension) => ({
        ...extension,
        reason: ERASED_TEXT,
        override: extension.override && { reason: ERASED_TEXT },
      })),
    })),
  };
}
