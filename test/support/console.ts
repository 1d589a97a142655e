import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '#domain';
import { randomUUID } from 'node:crypto';
import { StaffDirectory } from '../../apps/api/src/people/staff-directory.service';
import { STORAGE, type Storage } from '../../apps/api/src/storage/storage';
import type { TestApp } from './test-app';

export const SESSION_COOKIE = 'clf-session';

/** A browser's view of the console, signed in as one person, for supertest. */
export interface ConsoleVisitor {
  cookie: string;
  csrfToken: string;
  get(path: string): ReturnType<TestApp['http']['get']>;
  /** Posts a form as a browser would, with the session's anti-forgery token unless told otherwise. */
  post(
    path: string,
    fields?: Record<string, string | string[]>,
    options?: { csrf?: boolean },
  ): ReturnType<TestApp['http']['post']>;
}

/** The e-mail address a test person has in the directory. */
export const emailOf = (actor: Actor & { email?: string }) =>
  actor.email ?? `${actor.id}@staff.example`;

/** The administrator tests add people as (the directory's first person). */
const TEST_ADMIN: Actor = { id: 'test-admin', name: 'Test Administrator', roles: ['admin'] };

/** Puts people in the staff directory, as an administrator would, unless they are there already. */
export async function addPeople(
  t: TestApp,
  ...actors: Array<Actor & { email?: string }>
): Promise<void> {
  const directory = t.app.get(StaffDirectory);
  const as = (actor: Actor) => ({ actor, correlationId: randomUUID() });
  if (await directory.isEmpty())
    await directory.execute(
      {
        type: 'AddPerson',
        data: {
          id: TEST_ADMIN.id,
          name: TEST_ADMIN.name!,
          email: emailOf(TEST_ADMIN),
          roles: ['admin'],
        },
      },
      as(TEST_ADMIN),
    );
  for (const actor of actors)
    if (!(await directory.findById(actor.id)))
      await directory.execute(
        {
          type: 'AddPerson',
          data: {
            id: actor.id,
            name: actor.name ?? actor.id,
            email: emailOf(actor),
            roles: [...actor.roles],
          },
        },
        as(TEST_ADMIN),
      );
}

/** Takes a person out of the directory's active people, as an administrator would. */
export async function deactivate(t: TestApp, actor: Actor): Promise<void> {
  await t.app
    .get(StaffDirectory)
    .execute(
      { type: 'DeactivatePerson', data: { personId: actor.id } },
      { actor: TEST_ADMIN, correlationId: randomUUID() },
    );
}

/** Puts the person in the staff directory (if not there yet) and gives them a signed-in session. */
export async function signInToConsole(t: TestApp, actor: Actor): Promise<ConsoleVisitor> {
  await addPeople(t, actor);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = t.clock.now();
  await t.app.get<Storage>(STORAGE).sessions.create({
    id: createHash('sha256').update(token).digest('hex'),
    personId: actor.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
  });
  const cookie = `${SESSION_COOKIE}=${token}`;
  return {
    cookie,
    csrfToken,
    get: (path) => t.http.get(path).set('Cookie', cookie),
    post: (path, fields = {}, { csrf = true } = {}) =>
      t.http
        .post(path)
        .set('Cookie', cookie)
        .type('form')
        .send({ ...fields, ...(csrf ? { _csrf: csrfToken } : {}) }),
  };
}

/** A browser's cookie jar and forms, signing in for real: enough for journeys through the console. */
export function consoleBrowser(t: TestApp) {
  let cookie = '';
  const keep = <R extends { headers: Record<string, unknown> }>(response: R): R => {
    const set = response.headers['set-cookie'] as string[] | undefined;
    const ours = set?.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (ours) cookie = ours.split(';')[0];
    return response;
  };
  const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return {
    get cookie() {
      return cookie;
    },
    get: async (path: string) => keep(await t.http.get(path).set('Cookie', cookie)),
    /** Opens the page, then sends its form with the fields given. */
    submit: async (page: string, action: string, fields: Record<string, string>) => {
      const form = keep(await t.http.get(page).set('Cookie', cookie));
      return keep(
        await t.http
          .post(action)
          .set('Cookie', cookie)
          .type('form')
          .send({ ...fields, _csrf: tokenOf(form.text) }),
      );
    },
  };
}
