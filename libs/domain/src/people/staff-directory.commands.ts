import type { Actor, Role } from '../case/case.model';

interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  actor: Actor;
}

/** Ids are allocated by the caller: the domain has no source of ids. */
export type AddPerson = Command<
  'AddPerson',
  { personId: string; name: string; email: string; roles: readonly Role[] }
>;
export type ChangeRoles = Command<'ChangeRoles', { personId: string; roles: readonly Role[] }>;
export type DeactivatePerson = Command<'DeactivatePerson', { personId: string }>;
export type ReactivatePerson = Command<'ReactivatePerson', { personId: string }>;
export type RenamePerson = Command<'RenamePerson', { personId: string; name: string }>;
export type ChangeEmail = Command<'ChangeEmail', { personId: string; email: string }>;

export type StaffDirectoryCommand =
  AddPerson | ChangeRoles | DeactivatePerson | ReactivatePerson | RenamePerson | ChangeEmail;
