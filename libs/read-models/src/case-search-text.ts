import type { Case } from '#domain';

/** A phone number's digits alone, so "07700900123" finds "07700 900123". */
export const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/**
 * What the queue's text search `q` looks in, lower case: the reference, the summary, and
 * the name, e-mail and phone of the complainant and of their representative. Both
 * adapters store exactly this, so a search finds the same cases on either.
 */
export function caseSearchText(
  found: Pick<Case, 'reference' | 'summary' | 'complainant' | 'representative'>,
): string {
  const words = [found.reference, found.summary];
  for (const party of [found.complainant, found.representative]) {
    if (!party) continue;
    words.push(party.name);
    if (party.email) words.push(party.email);
    if (party.phone) {
      words.push(party.phone);
      const digits = digitsOf(party.phone);
      if (digits !== party.phone) words.push(digits);
    }
  }
  return words.join(' ').toLowerCase();
}
