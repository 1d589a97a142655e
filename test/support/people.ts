import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Actor } from '#domain';
import { StaffDirectory } from '../../apps/api/src/people/staff-directory';

/** A test person, with the e-mail address to give them if not the usual one. */
export type TestPerson = Actor & { email?: string };

/** The e-mail address a test person has in the directory. */
export const emailOf = (person: TestPerson) => person.email ?? `${person.id}@people.test`;

/** The administrator who adds the people a test needs (the directory's first person). */
export const SEEDING_ADMIN: Actor = { id: 'u-seed-admin', name: 'Seeding Admin', roles: ['admin'] };

/**
 * Puts these people in the app's staff directory, with their roles, as an administrator
 * would (the first time, adding that administrator first): owners must be people there.
 */
export async function addPeople(app: INestApplication, ...people: TestPerson[]): Promise<void> {
  const directory = app.get(StaffDirectory);
  const context = { actor: SEEDING_ADMIN, correlationId: randomUUID() };
  const add = async (person: TestPerson) => {
    if (await directory.findById(person.id)) return;
    await directory.execute(
      {
        type: 'AddPerson',
        actor: SEEDING_ADMIN,
        data: {
          personId: person.id,
          name: person.name ?? person.id,
          email: emailOf(person),
          roles: person.roles.length > 0 ? person.roles : ['staff'],
        },
      },
      context,
    );
  };
  for (const person of [SEEDING_ADMIN, ...people]) await add(person);
}

/** Takes a person out of the directory's active people, as an administrator would. */
export async function deactivate(app: INestApplication, person: Actor): Promise<void> {
  await app
    .get(StaffDirectory)
    .execute(
      { type: 'DeactivatePerson', actor: SEEDING_ADMIN, data: { personId: person.id } },
      { actor: SEEDING_ADMIN, correlationId: randomUUID() },
    );
}
