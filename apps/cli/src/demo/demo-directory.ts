import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor, Role } from '#domain';
import { AccountService, StaffDirectory } from '#api';
import {
  ADMISSIONS,
  MENTORS,
  OPERATIONS_MANAGER,
  QUALITY_OFFICER,
  SENIOR_MANAGERS,
} from './demo-people';
import { OperationRefusedError } from '../operation-refused.error';

/** The demo's administrator: adds the others, and signs in to look after the directory. */
export const DEMO_ADMIN: Actor = { id: 'u-alex', name: 'Alex Morgan', roles: ['admin'] };
const DEMO_AUDITOR: Actor = { id: 'u-avery', name: 'Avery Stone', roles: ['auditor'] };
const DEMO_DATA_PROTECTION: Actor = {
  id: 'u-dana',
  name: 'Dana Whitfield',
  roles: ['data-protection'],
};

/** Someone to sign in as for each role: the first of the demo's people who has it. */
const SIGN_IN_AS: readonly Actor[] = [
  MENTORS[0],
  OPERATIONS_MANAGER,
  SENIOR_MANAGERS[0],
  QUALITY_OFFICER,
  DEMO_AUDITOR,
  DEMO_DATA_PROTECTION,
  DEMO_ADMIN,
];

const EVERYONE: readonly Actor[] = [
  DEMO_ADMIN,
  ...MENTORS,
  ADMISSIONS,
  OPERATIONS_MANAGER,
  ...SENIOR_MANAGERS,
  QUALITY_OFFICER,
  DEMO_AUDITOR,
  DEMO_DATA_PROTECTION,
];

export const demoEmail = (actor: Actor) =>
  `${actor.name!.toLowerCase().replace(/[^a-z]+/g, '.')}@demo.example`;

export interface DemoSignIn {
  email: string;
  password: string;
  roles: readonly Role[];
}

/**
 * Puts the demo's people in the staff directory (owners must be people there), the
 * administrator first, and gives one person per role a new random password.
 */
export async function addDemoPeople(
  directory: StaffDirectory,
  accounts: AccountService,
): Promise<DemoSignIn[]> {
  if (!(await directory.isEmpty()) && !(await directory.findById(DEMO_ADMIN.id)))
    throw new OperationRefusedError(
      'The staff directory already has people and not the demo’s administrator: the demo loads into an empty store.',
    );
  const context = { actor: DEMO_ADMIN, correlationId: randomUUID() };
  for (const person of EVERYONE)
    if (!(await directory.findById(person.id)))
      await directory.execute(
        {
          type: 'AddPerson',
          actor: DEMO_ADMIN,
          data: {
            personId: person.id,
            name: person.name!,
            email: demoEmail(person),
            roles: person.roles,
          },
        },
        context,
      );
  const signIns: DemoSignIn[] = [];
  for (const person of SIGN_IN_AS) {
    const password = randomBytes(12).toString('base64url');
    await accounts.setPassword(person.id, password);
    signIns.push({ email: demoEmail(person), password, roles: person.roles });
  }
  return signIns;
}
