import { hashPassword, SCRYPT_PARAMETERS, verifyPassword } from './password-hash';

describe('password hashes', () => {
  it('checks the password hashed, and no other, with the parameters stored beside the hash', async () => {
    const stored = await hashPassword('plum kettle orbit lantern');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('plum kettle orbit lantern', stored)).toBe(true);
    expect(await verifyPassword('plum kettle orbit lanterns', stored)).toBe(false);
  });

  it('salts each hash, so the same password never hashes the same twice', async () => {
    const cheap = { ...SCRYPT_PARAMETERS, N: 2 ** 10 };
    const [a, b] = await Promise.all([
      hashPassword('same words', cheap),
      hashPassword('same words', cheap),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same words', b)).toBe(true);
  });

  it('answers false for something that is not a hash it made', async () => {
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  });
});
