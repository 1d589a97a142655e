import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '#domain';
import { STORAGE, type Storage } from '../../apps/api/src/storage/storage';
import {
  addPeople as addToDirectory,
  deactivate as deactivateInDirectory,
  emailOf,
  type TestPerson,
} from './people';
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

export { emailOf };

/** Puts people in the staff directory, as an administrator would, unless they are there already. */
export const addPeople = (t: TestApp, ...people: TestPerson[]) => addToDirectory(t.app, ...people);

/** Takes a person out of the directory's active people, as an administrator would. */
export const deactivate = (t: TestApp, person: Actor) => deactivateInDirectory(t.app, person);

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
