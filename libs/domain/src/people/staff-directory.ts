import { ROLES, type Role } from '../case/case.model';
import {
  ActorNotPermittedError,
  CaseStateConflictError,
  DomainError,
  InvalidCommandError,
} from '../case/case.errors';
import type { Actor } from '../case/case.model';

/**
 * The staff directory: who may use CLF and with which roles. One stream holds it all (a
 * provider has tens or hundreds of staff), so the rules that span people (one e-mail
 * address each, always an active administrator) are decided on the whole.
 */
export const STAFF_CATEGORY = 'clfstaff';
export const STAFF_DIRECTORY_STREAM = `${STAFF_CATEGORY}-directory`;

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  active: boolean;
}

export type DirectoryCommand =
  | { type: 'AddPerson'; data: { id: string; name: string; email: string; roles: Role[] } }
  | { type: 'ChangeRoles'; data: { personId: string; roles: Role[] } }
  | { type: 'DeactivatePerson'; data: { personId: string } }
  | { type: 'ReactivatePerson'; data: { personId: string } };

export type DirectoryEvent =
  | { type: 'PersonAdded'; data: { personId: string; name: string; email: string; roles: Role[] } }
  | { type: 'PersonRolesChanged'; data: { personId: string; from: Role[]; to: Role[] } }
  | { type: 'PersonDeactivated'; data: { personId: string } }
  | { type: 'PersonReactivated'; data: { personId: string } };

export interface DirectoryState {
  people: ReadonlyMap<string, StaffMember>;
}

export const emptyDirectory: DirectoryState = { people: new Map() };

export const MAX_PERSON_NAME = 200;
export const MAX_EMAIL = 254;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function findByEmail(state: DirectoryState, email: string): StaffMember | undefined {
  const wanted = normaliseEmail(email);
  for (const person of state.people.values()) if (person.email === wanted) return person;
  return undefined;
}

class PersonNotFoundError extends DomainError {
  constructor() {
    super('not-found', 'person-not-found', 'There is no such person in the staff directory.');
  }
}

const activeAdmins = (state: DirectoryState) =>
  [...state.people.values()].filter((p) => p.active && p.roles.includes('admin'));

function checkRoles(roles: Role[]): Role[] {
  const unique = [...new Set(roles)];
  if (unique.length === 0)
    throw new InvalidCommandError('roles', 'roles-required', 'Give the person at least one role.');
  const unknown = unique.find((role) => !ROLES.includes(role));
  if (unknown)
    throw new InvalidCommandError(
      'roles',
      'unknown-role',
      `"${unknown}" is not a role: use ${ROLES.join(', ')}.`,
    );
  return unique;
}

function checkPerson(state: DirectoryState, name: string, email: string) {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_PERSON_NAME)
    throw new InvalidCommandError(
      'name',
      'name-required',
      `Enter the person's name (at most ${MAX_PERSON_NAME} characters).`,
    );
  const address = normaliseEmail(email);
  if (address.length > MAX_EMAIL || !EMAIL.test(address))
    throw new InvalidCommandError(
      'email',
      'email-invalid',
      'Enter an email address like name@example.ac.uk.',
    );
  if (findByEmail(state, address))
    throw new InvalidCommandError(
      'email',
      'email-taken',
      `${address} is already in the staff directory.`,
    );
  return { name: trimmed, email: address };
}

function mustExist(state: DirectoryState, personId: string): StaffMember {
  const person = state.people.get(personId);
  if (!person) throw new PersonNotFoundError();
  return person;
}

/** Only an administrator changes the directory, except that the first person may add themselves, as its first administrator. */
function authoriseDirectoryChange(command: DirectoryCommand, state: DirectoryState, actor: Actor) {
  if (state.people.size === 0) {
    if (command.type !== 'AddPerson' || !command.data.roles.includes('admin'))
      throw new ActorNotPermittedError(
        'first-person-must-be-admin',
        'The first person in the staff directory must be an administrator.',
      );
    return;
  }
  if (!actor.roles.includes('admin'))
    throw new ActorNotPermittedError(
      'admin-only',
      'Only an administrator can change the staff directory.',
    );
}

/** Keeps at least one active administrator, and stops an administrator locking themselves out. */
function keepAnAdministrator(
  state: DirectoryState,
  person: StaffMember,
  actor: Actor,
  losesAdmin: boolean,
) {
  if (!losesAdmin || !person.active || !person.roles.includes('admin')) return;
  if (person.id === actor.id)
    throw new CaseStateConflictError(
      'own-admin-access',
      'You cannot remove your own administrator access: ask another administrator.',
    );
  if (activeAdmins(state).length <= 1)
    throw new CaseStateConflictError(
      'last-admin',
      'This is the last active administrator: make someone else an administrator first.',
    );
}

export function decideDirectory(
  command: DirectoryCommand,
  state: DirectoryState,
  actor: Actor,
): DirectoryEvent[] {
  authoriseDirectoryChange(command, state, actor);
  switch (command.type) {
    case 'AddPerson': {
      if (state.people.has(command.data.id))
        throw new CaseStateConflictError(
          'person-exists',
          'That person is already in the staff directory.',
        );
      const { name, email } = checkPerson(state, command.data.name, command.data.email);
      const roles = checkRoles(command.data.roles);
      return [{ type: 'PersonAdded', data: { personId: command.data.id, name, email, roles } }];
    }
    case 'ChangeRoles': {
      const person = mustExist(state, command.data.personId);
      const roles = checkRoles(command.data.roles);
      keepAnAdministrator(state, person, actor, !roles.includes('admin'));
      const same =
        roles.length === person.roles.length && roles.every((r) => person.roles.includes(r));
      return same
        ? []
        : [
            {
              type: 'PersonRolesChanged',
              data: { personId: person.id, from: person.roles, to: roles },
            },
          ];
    }
    case 'DeactivatePerson': {
      const person = mustExist(state, command.data.personId);
      if (!person.active) return [];
      keepAnAdministrator(state, person, actor, true);
      return [{ type: 'PersonDeactivated', data: { personId: person.id } }];
    }
    case 'ReactivatePerson': {
      const person = mustExist(state, command.data.personId);
      return person.active ? [] : [{ type: 'PersonReactivated', data: { personId: person.id } }];
    }
  }
}

export function evolveDirectory(state: DirectoryState, event: DirectoryEvent): DirectoryState {
  const people = new Map(state.people);
  const change = (personId: string, update: Partial<StaffMember>) => {
    const person = people.get(personId);
    if (person) people.set(personId, { ...person, ...update });
  };
  switch (event.type) {
    case 'PersonAdded':
      people.set(event.data.personId, {
        id: event.data.personId,
        name: event.data.name,
        email: event.data.email,
        roles: event.data.roles,
        active: true,
      });
      break;
    case 'PersonRolesChanged':
      change(event.data.personId, { roles: event.data.to });
      break;
    case 'PersonDeactivated':
      change(event.data.personId, { active: false });
      break;
    case 'PersonReactivated':
      change(event.data.personId, { active: true });
      break;
  }
  return { people };
}
