import type { Role, StaffDirectoryEvent } from '#domain';
import type { PersonChange } from '../../people/staff-directory';
import { ROLE_WORDS } from '../rendering/vocabulary';

/** One line of a person's history as their page shows it. */
export interface PersonHistoryLine {
  at: string;
  by: string;
  what: string;
}

const rolesInWords = (roles: readonly Role[]) =>
  roles.length === 0 ? 'no roles' : roles.map((role) => ROLE_WORDS[role]).join(', ');

/** What a change to a person did, in words. */
export function changeInWords(event: StaffDirectoryEvent): string {
  switch (event.type) {
    case 'PersonAdded':
      return `Added, with the roles ${rolesInWords(event.data.roles)}`;
    case 'PersonRolesChanged':
      return `Roles changed from ${rolesInWords(event.data.from)} to ${rolesInWords(event.data.to)}`;
    case 'PersonDeactivated':
      return 'Deactivated: could no longer sign in';
    case 'PersonReactivated':
      return 'Reactivated';
    case 'PersonRenamed':
      return `Renamed from “${event.data.from}” to “${event.data.to}”`;
    case 'PersonEmailChanged':
      return `Email address changed from ${event.data.from} to ${event.data.to}`;
  }
}

/** The person's history, newest first: when, who, what. */
export function personHistoryLines(changes: readonly PersonChange[]): PersonHistoryLine[] {
  return [...changes].reverse().map(({ event, by }) => ({
    at: event.occurredAt,
    by: by.name ?? by.id,
    what: changeInWords(event),
  }));
}
