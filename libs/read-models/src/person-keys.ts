import type { Case, SubjectAccessMatch } from '#domain';
import { digitsOf } from './case-search-text';

/** A person's part in a case: who the feedback is from, or who acts for them. */
export type PartyRole = 'complainant' | 'representative';

/** What a person is looked up by, e.g. `email:ann@example.org`: one home for the matching rules. */
export type PersonKey = `${SubjectAccessMatch}:${string}`;

/** The country code a number written internationally drops for its national form ("+44 7700" is "07700"). */
const HOME_COUNTRY_CODE = '44';

/** An e-mail address compared case-insensitively, exactly otherwise. */
const emailForm = (email: string) => email.trim().toLowerCase();

/** A phone number's digits, in national form: "+44 7700 900123", "0044 (0)7700 900123" and "07700900123" alike. */
function phoneForm(phone: string): string {
  let digits = digitsOf(phone);
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (!phone.trim().startsWith('+')) return digits;
  if (!digits.startsWith(HOME_COUNTRY_CODE)) return `+${digits}`;
  const national = digits.slice(HOME_COUNTRY_CODE.length);
  return national.startsWith('0') ? national : `0${national}`;
}

/** A name compared case-insensitively, with its spaces trimmed and runs of them made one. */
const nameForm = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

const FORMS: Record<SubjectAccessMatch, (value: string) => string> = {
  email: emailForm,
  phone: phoneForm,
  name: nameForm,
};

/** The key a value is looked up by, or null when nothing is left of it to match ("  ", "n/a" as a phone). */
export function personKey(on: SubjectAccessMatch, value: string): PersonKey | null {
  const form = FORMS[on](value);
  return form === '' || form === '+' ? null : `${on}:${form}`;
}

type Parties = Pick<Case, 'complainant' | 'representative'>;

function keysOfParty(party: { name: string; email?: string; phone?: string }): PersonKey[] {
  const keys = [
    personKey('name', party.name),
    party.email ? personKey('email', party.email) : null,
    party.phone ? personKey('phone', party.phone) : null,
  ];
  return keys.filter((key): key is PersonKey => key !== null);
}

/** Every key the case's complainant and representative are found by, each once, in order. */
export function personKeysOf(found: Parties): PersonKey[] {
  const parties = [found.complainant, found.representative ?? undefined];
  return [...new Set(parties.flatMap((party) => (party ? keysOfParty(party) : [])))];
}

/** The parts in the case of the person found by `key` (none: the case is not about them). */
export function partiesMatching(found: Parties, key: PersonKey): PartyRole[] {
  const roles: PartyRole[] = [];
  if (keysOfParty(found.complainant).includes(key)) roles.push('complainant');
  if (found.representative && keysOfParty(found.representative).includes(key))
    roles.push('representative');
  return roles;
}
