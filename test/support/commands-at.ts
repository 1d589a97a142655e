import type { Actor } from '#domain';
import type { TestApp } from './test-app';

/**
 * Commands sent over the API at the business times given (the test clock set to each), and
 * the headers for a read that waits until the read models include every one of them.
 */
export function commandsAt(t: TestApp) {
  let position = 0;
  return {
    async post(at: string, actor: Actor, path: string, body: object = {}) {
      t.clock.set(at);
      const response = await t.http
        .post(`/api/v1${path}`)
        .set(await t.auth(actor))
        .send(body);
      if (response.status >= 300)
        throw new Error(`POST ${path} at ${at}: HTTP ${response.status} ${response.text}`);
      position = response.body.position;
      return response.body as { id: string; reference: string };
    },
    /** Signed in as `actor`, waiting for everything sent so far (`X-CLF-Min-Position`). */
    async readAs(actor: Actor) {
      return { ...(await t.auth(actor)), 'X-CLF-Min-Position': String(position) };
    },
  };
}
