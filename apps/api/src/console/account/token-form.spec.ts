import { AccountService } from '../../people/account.service';
import { ADMIN, context, peopleFixture } from '../../people/testing/people-fixture';
import { lifetimeItems, makeTokenFromForm } from './token-form';

async function withAda() {
  const fixture = peopleFixture();
  await fixture.directory.execute(
    {
      type: 'AddPerson',
      actor: ADMIN,
      data: { personId: 'u-ada', name: 'Ada', email: 'ada@college.example', roles: ['admin'] },
    },
    context,
  );
  return {
    ...fixture,
    accounts: new AccountService(fixture.storage, fixture.clock, fixture.directory),
  };
}

describe('the API-token form', () => {
  it('offers 30, 90 and 365 days, 90 chosen', () => {
    expect(lifetimeItems()).toEqual([
      { value: '30', text: '30 days', selected: false },
      { value: '90', text: '90 days', selected: true },
      { value: '365', text: '365 days', selected: false },
    ]);
  });

  it('makes a token named as typed, for the lifetime chosen', async () => {
    const { accounts, close } = await withAda();
    const answer = await makeTokenFromForm(accounts, 'u-ada', {
      name: '  timetabling  ',
      expiresInDays: '30',
    });
    expect(answer).toEqual({
      made: {
        token: expect.stringMatching(/^clf_/),
        name: 'timetabling',
        expiresAt: '2026-12-23T10:00:00.000Z',
      },
    });
    await close();
  });

  it('asks for a name, and refuses a lifetime the form does not offer, beside its field', async () => {
    const { accounts, close } = await withAda();
    expect(await makeTokenFromForm(accounts, 'u-ada', { name: ' ', expiresInDays: '90' })).toEqual({
      name: '',
      refused: [{ field: 'name', message: expect.stringContaining('Name the token') }],
    });
    expect(
      await makeTokenFromForm(accounts, 'u-ada', { name: 'reports', expiresInDays: '9999' }),
    ).toEqual({
      name: 'reports',
      refused: [{ field: 'expiresInDays', message: 'A token lasts 1 to 365 days.' }],
    });
    expect(await accounts.listApiTokens('u-ada')).toEqual([]);
    await close();
  });
});
