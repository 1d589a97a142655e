import { accountsFixture, ADMIN, context } from './testing/people-fixture';

async function withPeople() {
  const fixture = await accountsFixture();
  await fixture.accounts.setPassword('u-ada', 'plum kettle orbit lantern');
  return fixture;
}

describe('AccountService', () => {
  it('signs in with the right password, and gives one answer for a wrong password or an unknown e-mail', async () => {
    const { accounts, close } = await withPeople();
    expect(
      await accounts.signIn('ADA@college.example', 'plum kettle orbit lantern', '10.0.0.1'),
    ).toMatchObject({
      outcome: 'signed-in',
      person: { id: 'u-ada' },
    });
    expect(await accounts.signIn('ada@college.example', 'wrong guess here', '10.0.0.1')).toEqual({
      outcome: 'wrong-email-or-password',
    });
    expect(await accounts.signIn('nobody@college.example', 'wrong guess here', '10.0.0.1')).toEqual(
      {
        outcome: 'wrong-email-or-password',
      },
    );
    await close();
  });

  it('refuses a password that breaks the rules, saying why', async () => {
    const { accounts, close } = await withPeople();
    await expect(accounts.setPassword('u-ada', 'short')).rejects.toThrow(/at least 12 characters/);
    await close();
  });

  it('throttles an account after five failures, even for the right password', async () => {
    const { accounts, close } = await withPeople();
    for (let i = 0; i < 5; i += 1)
      await accounts.signIn('ada@college.example', 'wrong guess here', `10.0.0.${i}`);
    const answer = await accounts.signIn(
      'ada@college.example',
      'plum kettle orbit lantern',
      '10.0.0.9',
    );
    expect(answer.outcome).toBe('throttled');
    await close();
  });

  it('resets a password with a link once, within 24 hours', async () => {
    const { accounts, setNow, close } = await withPeople();
    const { token } = await accounts.createResetLink('u-ada');
    await accounts.resetPassword(token, 'copper meadow violin sunrise');
    await expect(accounts.resetPassword(token, 'another fine passphrase')).rejects.toThrow(
      /used or is out of date/,
    );
    const late = await accounts.createResetLink('u-ada');
    setNow('2026-11-24T10:00:01Z');
    await expect(accounts.resetPassword(late.token, 'another fine passphrase')).rejects.toThrow(
      /out of date/,
    );
    await close();
  });

  it('sends the daily digest to a person until they turn it off', async () => {
    const { accounts, close } = await withPeople();
    expect(await accounts.wantsDigest('u-ada')).toBe(true);
    await accounts.setDigestWanted('u-ada', false);
    expect(await accounts.wantsDigest('u-ada')).toBe(false);
    await accounts.setDigestWanted('u-ada', true);
    expect(await accounts.wantsDigest('u-ada')).toBe(true);
    await close();
  });

  it('makes personal API tokens, kept only as hashes, listed and revoked', async () => {
    const { accounts, storage, close } = await withPeople();
    const { token, record } = await accounts.createApiToken('u-ada', 'reporting');
    expect(token).toMatch(/^clf_[A-Za-z0-9_-]{43}$/);
    expect(record.expiresAt).toBe('2027-02-21T10:00:00.000Z');
    expect(JSON.stringify(await storage.accounts.apiTokensOf('u-ada'))).not.toContain(token);
    expect(await accounts.revokeApiToken('u-ada', record.id)).toBe(true);
    expect((await accounts.listApiTokens('u-ada'))[0].revokedAt).toBe('2026-11-23T10:00:00.000Z');
    await close();
  });

  it('makes API tokens only for a person in the directory who is active', async () => {
    const { accounts, directory, storage, close } = await withPeople();
    await expect(accounts.createApiToken('u-nobody', 'reporting')).rejects.toMatchObject({
      code: 'person-not-found',
    });
    await directory.execute(
      {
        type: 'AddPerson',
        actor: ADMIN,
        data: { personId: 'u-sam', name: 'Sam', email: 'sam@college.example', roles: ['staff'] },
      },
      context,
    );
    await directory.execute(
      { type: 'DeactivatePerson', actor: ADMIN, data: { personId: 'u-sam' } },
      context,
    );
    await expect(accounts.createApiToken('u-sam', 'reporting')).rejects.toMatchObject({
      code: 'person-deactivated',
      field: 'name',
    });
    expect(await storage.accounts.apiTokensOf('u-sam')).toEqual([]);
    await close();
  });
});
