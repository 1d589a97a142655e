import { accountsFixture } from '../../people/testing/people-fixture';
import { lifetimeItems, makeTokenFromForm, tokenFormPage } from './token-form';

describe('the API-token form', () => {
  it('offers 30, 90 and 365 days, 90 chosen', () => {
    expect(lifetimeItems()).toEqual([
      { value: '30', text: '30 days', selected: false },
      { value: '90', text: '90 days', selected: true },
      { value: '365', text: '365 days', selected: false },
    ]);
  });

  it('makes a token named as typed, for the lifetime chosen', async () => {
    const { accounts, close } = await accountsFixture();
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
    const { accounts, close } = await accountsFixture();
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

  it('shows the new token, or the errors beside the fields with what was typed', () => {
    const made = { token: 'clf_x', name: 'feed', expiresAt: '2027-01-01T00:00:00.000Z' };
    expect(tokenFormPage({ made })).toEqual({ status: 200, shown: { newToken: made } });
    expect(
      tokenFormPage({ name: 'feed', refused: [{ field: 'expiresInDays', message: 'too long' }] }),
    ).toEqual({
      status: 400,
      shown: {
        errors: [{ text: 'Too long', href: '#expiresInDays' }],
        fieldErrors: { expiresInDays: { text: 'Too long' } },
        values: { name: 'feed' },
      },
    });
  });
});
