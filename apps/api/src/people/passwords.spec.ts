import { hashPassword, passwordProblem, verifyPassword } from './passwords';

describe('passwords', () => {
  it('takes twelve characters or more, not on the common list, not the e-mail address', () => {
    expect(passwordProblem('short pass', 'a@b.example')).toMatch(/at least 12 characters/);
    expect(passwordProblem('password1234', 'a@b.example')).toMatch(/common passwords/);
    expect(passwordProblem('ann@college.example', 'Ann@College.example')).toMatch(/email address/);
    expect(passwordProblem('copper kettle marigold', 'a@b.example')).toBeNull();
  });

  it('keeps a salted scrypt hash that matches only its password', async () => {
    const hash = await hashPassword('copper kettle marigold');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('copper');
    expect(await verifyPassword('copper kettle marigold', hash)).toBe(true);
    expect(await verifyPassword('copper kettle marigolds', hash)).toBe(false);
    expect(await hashPassword('copper kettle marigold')).not.toBe(hash);
  });
});
