import { providedEmail } from './provided-email';

describe('the e-mail address an identity provider vouches for', () => {
  it('takes an address the provider has verified', () => {
    expect(providedEmail({ email: ' Ann@Staff.example ', email_verified: true })).toEqual({
      status: 'verified',
      email: 'Ann@Staff.example',
    });
  });

  it('takes Microsoft Entra ID’s word that the address is in a domain its tenant verified', () => {
    expect(providedEmail({ email: 'ann@staff.example', xms_edov: true })).toEqual({
      status: 'verified',
      email: 'ann@staff.example',
    });
  });

  it('does not vouch for an address unless email_verified or xms_edov is exactly true', () => {
    for (const verified of [false, 'true', 1, undefined, null])
      expect(
        providedEmail({ email: 'ann@staff.example', email_verified: verified, xms_edov: verified }),
      ).toEqual({ status: 'unverified', email: 'ann@staff.example' });
  });

  it('finds no address when there is none, or it is not one', () => {
    for (const claims of [
      undefined,
      {},
      { email: '', email_verified: true },
      { email: 42, email_verified: true },
      { email: 'not an address', email_verified: true },
      { email: `${'a'.repeat(320)}@x`, email_verified: true },
    ])
      expect(providedEmail(claims)).toEqual({ status: 'missing' });
  });
});
