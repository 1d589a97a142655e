import { randomUUID } from 'node:crypto';
import { AccountService } from '../apps/api/src/people/account.service';
import { StaffDirectory } from '../apps/api/src/people/staff-directory';
import { addPeople, SEEDING_ADMIN } from './support/people';
import { person, startTestApp, type TestApp } from './support/test-app';

const ops = person('u-olu', 'operations-manager');

describe('personal API tokens', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await addPeople(t.app, ops);
  });
  afterEach(() => t.close());

  const queue = (token: string) =>
    t.http.get('/api/v1/cases').set('Authorization', `Bearer ${token}`);

  it('speaks for its holder with their current roles, records its last use, and stops when revoked', async () => {
    const accounts = t.app.get(AccountService);
    const { token, record } = await accounts.createApiToken(ops.id, 'reporting');
    expect((await queue(token)).status).toBe(200);
    expect((await accounts.listApiTokens(ops.id))[0].lastUsedAt).toBe('2026-11-23T10:00:00.000Z');
    await accounts.revokeApiToken(ops.id, record.id);
    const refused = await queue(token);
    expect(refused.status).toBe(401);
    expect(refused.type).toBe('application/problem+json');
  });

  it('stops working when its holder is deactivated, or when it runs out', async () => {
    const accounts = t.app.get(AccountService);
    const { token } = await accounts.createApiToken(ops.id, 'reporting', 1);
    t.clock.set('2026-11-24T10:00:00Z');
    expect((await queue(token)).status).toBe(401);
    const { token: fresh } = await accounts.createApiToken(ops.id, 'reporting');
    expect((await queue(fresh)).status).toBe(200);
    await t.app
      .get(StaffDirectory)
      .execute(
        { type: 'DeactivatePerson', actor: SEEDING_ADMIN, data: { personId: ops.id } },
        { actor: SEEDING_ADMIN, correlationId: randomUUID() },
      );
    expect((await queue(fresh)).status).toBe(401);
  });

  it('refuses a token it never made, and bearer JWTs keep working', async () => {
    expect((await queue(`clf_${'x'.repeat(43)}`)).status).toBe(401);
    expect((await t.http.get('/api/v1/cases').set(await t.auth(ops))).status).toBe(200);
  });
});
