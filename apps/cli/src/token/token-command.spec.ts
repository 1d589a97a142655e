import { decodeJwt } from 'jose';
import { capturedOutput } from '../testing/captured-output';
import { tokenCommand } from './token-command';

const SECRET = 'token-command-secret-that-is-long-enough-0123456789';
const NOW = new Date('2026-11-23T10:00:00Z');

async function token(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const { output, out, err } = capturedOutput();
  const status = await tokenCommand(argv, { CLF_JWT_SECRET: SECRET, ...env }, output, NOW);
  return { status, out: out(), err: err() };
}
const lifetimeOf = (jwt: string) => {
  const { iat, exp } = decodeJwt(jwt);
  return exp! - iat!;
};
const ann = ['--sub', 'u-ann', '--name', 'Ann Lee', '--roles', 'staff,quality'];

describe('npm run token', () => {
  it('answers --help with how to call it, naming the roles and the longest expiry', async () => {
    const help = await token(['--help']);
    expect(help).toMatchObject({ status: 0, err: '' });
    expect(help.out).toMatch(/^Usage: npm run -s token -- --sub <id>/);
    expect(help.out).toContain('Roles: staff, operations-manager');
    expect(help.out).toContain('at most CLF_JWT_MAX_LIFETIME (12h unless set)');
  });

  it('prints a token for the person, valid for 8 hours unless told otherwise', async () => {
    const printed = await token(ann);
    expect(printed.status).toBe(0);
    expect(decodeJwt(printed.out)).toMatchObject({
      sub: 'u-ann',
      name: 'Ann Lee',
      roles: ['staff', 'quality'],
      iat: NOW.getTime() / 1000,
    });
    expect(lifetimeOf(printed.out)).toBe(8 * 3600);
    expect(lifetimeOf((await token([...ann, '--expires-in', '12h'])).out)).toBe(12 * 3600);
  });

  it('refuses an expiry longer than the server accepts, with exit code 2', async () => {
    expect(await token([...ann, '--expires-in', '999999d'])).toEqual({
      status: 2,
      out: '',
      err: expect.stringMatching(
        /^--expires-in 999999d is longer than the 12h the server accepts \(CLF_JWT_MAX_LIFETIME\)\.\nUsage:/,
      ),
    });
    expect(
      await token([...ann, '--expires-in', '2h'], { CLF_JWT_MAX_LIFETIME: '1h' }),
    ).toMatchObject({ status: 2, err: expect.stringMatching(/longer than the 1h the server/) });
  });

  it('issues for the configured maximum when that is shorter than the usual 8 hours', async () => {
    const printed = await token(ann, { CLF_JWT_MAX_LIFETIME: '30m' });
    expect(printed.status).toBe(0);
    expect(lifetimeOf(printed.out)).toBe(1800);
  });

  it('refuses a role it does not know, and an expiry it cannot read, with exit code 2', async () => {
    expect(await token(['--sub', 'u1', '--roles', 'staff,superuser'])).toMatchObject({
      status: 2,
      out: '',
      err: expect.stringMatching(/^Unknown role superuser\.\nUsage:.*\nRoles: staff, /s),
    });
    expect(await token([...ann, '--expires-in', 'forever'])).toMatchObject({
      status: 2,
      err: expect.stringMatching(/^--expires-in takes a whole number and s, m, h or d/),
    });
  });
});
