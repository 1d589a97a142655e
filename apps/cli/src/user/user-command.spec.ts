import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capturedOutput } from '../testing/captured-output';
import { userCommand } from './user-command';

async function user(argv: string[], env: NodeJS.ProcessEnv, password = '') {
  const { output, out, err } = capturedOutput();
  const status = await userCommand(argv, env, output, async () => `${password}\n`);
  return { status, out: out(), err: err() };
}

describe('npm run user', () => {
  const env = () => ({
    CLF_DATA_DIR: mkdtempSync(join(tmpdir(), 'clf-user-')),
    CLF_JWT_SECRET: 'user-command-secret-that-is-long-enough-0123456789',
  });
  const ada = ['add', '--email', 'ada@college.example', '--name', 'Ada Admin', '--roles', 'admin'];

  it('answers --help with how to call it', async () => {
    expect((await user(['--help'], env())).out).toMatch(/^Usage: npm run -s user -- add --email/);
  });

  it('adds a person with the password from standard input, and lists the directory', async () => {
    const settings = env();
    expect(await user(ada, settings, 'plum kettle orbit lantern')).toMatchObject({
      status: 0,
      out: 'Added Ada Admin <ada@college.example> as admin.',
    });
    expect(
      (
        await user(
          [
            'add',
            '--email',
            'sam@college.example',
            '--name',
            'Sam',
            '--roles',
            'staff,operations-manager',
          ],
          settings,
          'copper meadow violin sunrise',
        )
      ).status,
    ).toBe(0);
    expect((await user(['list'], settings)).out).toBe(
      'ada@college.example\tAda Admin\tadmin\tactive\nsam@college.example\tSam\tstaff,operations-manager\tactive',
    );
  });

  it('refuses a password that breaks the rules, and a first person who is not an administrator', async () => {
    const settings = env();
    expect(await user(ada, settings, 'short')).toMatchObject({
      status: 1,
      err: expect.stringMatching(/12 characters/),
    });
    const staffFirst = await user(
      ['add', '--email', 'sam@college.example', '--name', 'Sam', '--roles', 'staff'],
      settings,
      'copper meadow violin sunrise',
    );
    expect(staffFirst).toMatchObject({
      status: 1,
      err: expect.stringMatching(/must be an administrator/),
    });
  });

  it('says what is missing or unknown', async () => {
    expect((await user(['add', '--email', 'a@b.example'], env())).status).toBe(2);
    expect((await user(['remove'], env())).status).toBe(2);
    expect(
      (await user([...ada.slice(0, 6), 'wizard'], env(), 'plum kettle orbit lantern')).err,
    ).toMatch(/Unknown role wizard/);
  });
});
