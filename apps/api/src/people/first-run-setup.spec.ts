import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { AccountService } from './account.service';
import { FirstRunSetup, newSetupCode, normalisedSetupCode } from './first-run-setup';
import { peopleFixture } from './testing/people-fixture';

function setup() {
  const fixture = peopleFixture();
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-first-run-'));
  const accounts = new AccountService(fixture.storage, fixture.clock, fixture.directory);
  const config = { profile: 'embedded', dataDir } as AppConfig;
  const firstRun = new FirstRunSetup(fixture.storage, config, fixture.directory, accounts);
  return { ...fixture, accounts, firstRun, codeFile: join(dataDir, 'setup-code') };
}

const admin = {
  name: 'Ada Admin',
  email: 'ada@college.example',
  password: 'plum kettle orbit lantern',
};

describe('FirstRunSetup', () => {
  it('makes a code of four groups of four letters and digits, typed in any case with or without dashes', () => {
    const code = newSetupCode();
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(normalisedSetupCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
  });

  it('writes the code 0600 into the data directory, creates the first administrator with it once, and burns it', async () => {
    const { firstRun, accounts, codeFile, close } = setup();
    expect(await firstRun.isPending()).toBe(true);
    await firstRun.onApplicationBootstrap();
    expect(statSync(codeFile).mode & 0o777).toBe(0o600);
    const code = readFileSync(codeFile, 'utf8').trim();
    await expect(
      firstRun.createFirstAdministrator({ ...admin, code: 'AAAA-AAAA-AAAA-AAAA' }),
    ).rejects.toThrow(/not the setup code/);
    const person = await firstRun.createFirstAdministrator({ ...admin, code: code.toLowerCase() });
    expect(person).toMatchObject({ name: 'Ada Admin', roles: ['admin'], active: true });
    expect(await firstRun.isPending()).toBe(false);
    expect(existsSync(codeFile)).toBe(false);
    expect((await accounts.signIn(admin.email, admin.password, '10.0.0.1')).outcome).toBe(
      'signed-in',
    );
    await expect(firstRun.createFirstAdministrator({ ...admin, code })).rejects.toThrow(
      /not the setup code/,
    );
    await close();
  });

  it('keeps the code when the password breaks the rules', async () => {
    const { firstRun, codeFile, storage, close } = setup();
    await firstRun.onApplicationBootstrap();
    const code = readFileSync(codeFile, 'utf8').trim();
    await expect(
      firstRun.createFirstAdministrator({ ...admin, password: 'short', code }),
    ).rejects.toThrow(/12 characters/);
    expect(await storage.accounts.hasSetupCode()).toBe(true);
    await close();
  });
});
