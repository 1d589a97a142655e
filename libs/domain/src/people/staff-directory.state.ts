import type { StaffDirectoryEvent } from './staff-directory.events';
import { sameEmail, type StaffMember } from './staff-member';

/** Everyone in the directory, in the order they were added. */
export interface StaffDirectoryState {
  people: ReadonlyMap<string, StaffMember>;
}

export const initialStaffDirectory = (): StaffDirectoryState => ({ people: new Map() });

function withPerson(
  state: StaffDirectoryState,
  personId: string,
  change: Partial<StaffMember>,
): StaffDirectoryState {
  const person = state.people.get(personId);
  if (!person) return state;
  const people = new Map(state.people);
  people.set(personId, { ...person, ...change });
  return { people };
}

export function evolveStaffDirectory(
  state: StaffDirectoryState,
  event: StaffDirectoryEvent,
): StaffDirectoryState {
  const { personId } = event.data;
  switch (event.type) {
    case 'PersonAdded': {
      const { name, email, roles } = event.data;
      const people = new Map(state.people);
      people.set(personId, { id: personId, name, email, roles, active: true });
      return { people };
    }
    case 'PersonRolesChanged':
      return withPerson(state, personId, { roles: event.data.to });
    case 'PersonDeactivated':
      return withPerson(state, personId, { active: false });
    case 'PersonReactivated':
      return withPerson(state, personId, { active: true });
    case 'PersonRenamed':
      return withPerson(state, personId, { name: event.data.to });
    case 'PersonEmailChanged':
      return withPerson(state, personId, { email: event.data.to });
  }
}

export const foldStaffDirectory = (
  events: readonly StaffDirectoryEvent[],
  state: StaffDirectoryState = initialStaffDirectory(),
): StaffDirectoryState => events.reduce(evolveStaffDirectory, state);

export const personWithEmail = (
  state: StaffDirectoryState,
  email: string,
): StaffMember | undefined =>
  [...state.people.values()].find((person) => sameEmail(person.email, email));

export const activeAdmins = (state: StaffDirectoryState): StaffMember[] =>
  [...state.people.values()].filter((person) => person.active && person.roles.includes('admin'));
