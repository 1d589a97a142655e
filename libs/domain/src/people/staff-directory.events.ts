import type { Instant, Role } from '../case/case.model';

interface Event<Type extends string, Data> {
  type: Type;
  occurredAt: Instant;
  data: Data;
}

export type PersonAdded = Event<
  'PersonAdded',
  { personId: string; name: string; email: string; roles: Role[] }
>;
/** Who gave whom which role: the audit of access reads these. */
export type PersonRolesChanged = Event<
  'PersonRolesChanged',
  { personId: string; from: Role[]; to: Role[] }
>;
export type PersonDeactivated = Event<'PersonDeactivated', { personId: string }>;
export type PersonReactivated = Event<'PersonReactivated', { personId: string }>;
export type PersonRenamed = Event<'PersonRenamed', { personId: string; from: string; to: string }>;
export type PersonEmailChanged = Event<
  'PersonEmailChanged',
  { personId: string; from: string; to: string }
>;

export type StaffDirectoryEvent =
  | PersonAdded
  | PersonRolesChanged
  | PersonDeactivated
  | PersonReactivated
  | PersonRenamed
  | PersonEmailChanged;
