import { ActorNotPermittedError, InvalidCommandError } from '../case/case.errors';
import { ROLES, type Actor, type Role } from '../case/case.model';
import type {
  AddPerson,
  ChangeEmail,
  ChangeRoles,
  DeactivatePerson,
  RenamePerson,
  StaffDirectoryCommand,
} from './staff-directory.commands';
import {
  DirectoryConflictError,
  DirectoryRuleError,
  PersonNotFoundError,
} from './staff-directory.errors';
import type { StaffDirectoryEvent } from './staff-directory.events';
import {
  activeAdmins,
  evolveStaffDirectory,
  initialStaffDirectory,
  personWithEmail,
  type StaffDirectoryState,
} from './staff-directory.state';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, type StaffMember } from './staff-member';

// One @, something either side, a dot in the domain: what a person can type and mail reaches.
const WELL_FORMED_EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function checkedEmail(email: string): string {
  const trimmed = email.trim();
  if (trimmed.length > MAX_EMAIL_LENGTH || !WELL_FORMED_EMAIL.test(trimmed))
    throw new InvalidCommandError(
      'email',
      'email-malformed',
      `"${trimmed.slice(0, 100)}" is not an e-mail address.`,
    );
  return trimmed;
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH)
    throw new InvalidCommandError(
      'name',
      'name-length',
      `Give a name of 1 to ${MAX_NAME_LENGTH} characters.`,
    );
  return trimmed;
}

/** At least one known role, each once, in the order ROLES lists them. */
function checkedRoles(roles: readonly string[]): Role[] {
  const unknown = roles.filter((role) => !ROLES.includes(role as Role));
  if (unknown.length > 0)
    throw new InvalidCommandError(
      'roles',
      'unknown-role',
      `There is no role ${unknown.join(', ')}.`,
    );
  if (roles.length === 0)
    throw new InvalidCommandError('roles', 'no-role', 'Give the person at least one role.');
  return ROLES.filter((role) => roles.includes(role));
}

function requireEmailFree(state: StaffDirectoryState, email: string, personId: string): void {
  const holder = personWithEmail(state, email);
  if (holder && holder.id !== personId)
    throw new DirectoryConflictError(
      'email-in-use',
      `${email} is already ${holder.name}'s e-mail address.`,
      'email',
    );
}

function requirePerson(state: StaffDirectoryState, personId: string): StaffMember {
  const person = state.people.get(personId);
  if (!person) throw new PersonNotFoundError(personId);
  return person;
}

function requireAdmin(actor: Actor): void {
  if (!actor.roles.includes('admin'))
    throw new ActorNotPermittedError(
      'not-an-administrator',
      'Only an administrator may change the staff directory.',
    );
}

/** Someone must always be able to administer the directory. */
function requireAnotherActiveAdmin(state: StaffDirectoryState, person: StaffMember): void {
  const others = activeAdmins(state).filter((admin) => admin.id !== person.id);
  if (person.active && person.roles.includes('admin') && others.length === 0)
    throw new DirectoryRuleError(
      'last-administrator',
      `${person.name} is the last active administrator: make someone else an administrator first.`,
    );
}

/**
 * On first run the directory is empty and nobody can be an administrator yet: the first
 * person may be added by whoever holds the setup code, and must be an administrator.
 */
function addPerson(
  command: AddPerson,
  state: StaffDirectoryState,
  at: string,
): StaffDirectoryEvent[] {
  const first = state.people.size === 0;
  if (!first) requireAdmin(command.actor);
  const { personId } = command.data;
  const name = checkedName(command.data.name);
  const email = checkedEmail(command.data.email);
  const roles = checkedRoles(command.data.roles);
  if (first && !roles.includes('admin'))
    throw new DirectoryRuleError(
      'first-person-not-administrator',
      'The first person in the directory must be an administrator.',
    );
  if (state.people.has(personId))
    throw new DirectoryConflictError(
      'person-exists',
      `Someone with id ${personId} is already in the directory.`,
    );
  requireEmailFree(state, email, personId);
  return [{ type: 'PersonAdded', occurredAt: at, data: { personId, name, email, roles } }];
}

function changeRoles(
  command: ChangeRoles,
  state: StaffDirectoryState,
  at: string,
): StaffDirectoryEvent[] {
  const person = requirePerson(state, command.data.personId);
  const to = checkedRoles(command.data.roles);
  const from = [...person.roles];
  if (from.length === to.length && from.every((role) => to.includes(role))) return [];
  if (!to.includes('admin')) requireAnotherActiveAdmin(state, person);
  return [{ type: 'PersonRolesChanged', occurredAt: at, data: { personId: person.id, from, to } }];
}

function deactivatePerson(
  command: DeactivatePerson,
  state: StaffDirectoryState,
  at: string,
): StaffDirectoryEvent[] {
  const person = requirePerson(state, command.data.personId);
  if (!person.active) return [];
  if (person.id === command.actor.id)
    throw new DirectoryRuleError('cannot-deactivate-yourself', 'You cannot deactivate yourself.');
  requireAnotherActiveAdmin(state, person);
  return [{ type: 'PersonDeactivated', occurredAt: at, data: { personId: person.id } }];
}

function renamePerson(
  command: RenamePerson,
  state: StaffDirectoryState,
  at: string,
): StaffDirectoryEvent[] {
  const person = requirePerson(state, command.data.personId);
  const to = checkedName(command.data.name);
  if (to === person.name) return [];
  return [
    { type: 'PersonRenamed', occurredAt: at, data: { personId: person.id, from: person.name, to } },
  ];
}

function changeEmail(
  command: ChangeEmail,
  state: StaffDirectoryState,
  at: string,
): StaffDirectoryEvent[] {
  const person = requirePerson(state, command.data.personId);
  const to = checkedEmail(command.data.email);
  if (to === person.email) return [];
  requireEmailFree(state, to, person.id);
  return [
    {
      type: 'PersonEmailChanged',
      occurredAt: at,
      data: { personId: person.id, from: person.email, to },
    },
  ];
}

/**
 * The staff directory as a decider. Only an administrator changes it (but for the first
 * person); a command that would change nothing decides no events, so a retried request
 * records nothing twice.
 */
export function decideStaffDirectory(
  command: StaffDirectoryCommand,
  state: StaffDirectoryState,
  now: Date,
): StaffDirectoryEvent[] {
  const at = now.toISOString();
  if (command.type === 'AddPerson') return addPerson(command, state, at);
  requireAdmin(command.actor);
  switch (command.type) {
    case 'ChangeRoles':
      return changeRoles(command, state, at);
    case 'DeactivatePerson':
      return deactivatePerson(command, state, at);
    case 'ReactivatePerson': {
      const person = requirePerson(state, command.data.personId);
      return person.active
        ? []
        : [{ type: 'PersonReactivated', occurredAt: at, data: { personId: person.id } }];
    }
    case 'RenamePerson':
      return renamePerson(command, state, at);
    case 'ChangeEmail':
      return changeEmail(command, state, at);
  }
}

export const staffDirectoryDecider = {
  decide: decideStaffDirectory,
  evolve: evolveStaffDirectory,
  initialState: initialStaffDirectory,
};
