import type { Actor } from '#domain';
import { complaint, type TestApp } from './test-app';

/**
 * A complaint from a learner with an e-mail address, recorded by `recorder`, and an
 * acknowledgement to them by e-mail written by `writer`: one e-mail in the outbox.
 */
export async function caseWithEmailedLetter(
  t: TestApp,
  recorder: Actor,
  writer: Actor,
  body: { body?: string } = {},
) {
  const caseId = await t.recordCase(
    recorder,
    complaint({ complainant: { name: 'Ada Learner', role: 'learner', email: 'ada@example.org' } }),
  );
  const sent = await t.http
    .post(`/api/v1/cases/${caseId}/letters`)
    .set(await t.auth(writer))
    .send({ template: 'acknowledgement', channels: ['email'], ...body });
  if (sent.status !== 202) throw new Error(`the letter was refused: ${sent.status}`);
  return {
    caseId,
    reference: sent.body.reference as string,
    letterId: sent.body.letterId as string,
  };
}
