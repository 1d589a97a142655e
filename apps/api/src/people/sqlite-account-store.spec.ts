import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteAccountStore } from './sqlite-account-store';
import { accountStoreContract } from './testing/account-store.contract';

describe('SqliteAccountStore (contract)', () => {
  accountStoreContract(
    async () =>
      new SqliteAccountStore(join(mkdtempSync(join(tmpdir(), 'clf-accounts-')), 'accounts.db')),
  );

  it('keeps what it holds across a restart on the same file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clf-accounts-')), 'accounts.db');
    const first = new SqliteAccountStore(file);
    await first.setPasswordHash('u-ann', 'hash', new Date());
    await first.close();
    const second = new SqliteAccountStore(file);
    expect(await second.passwordHash('u-ann')).toBe('hash');
    await second.close();
  });
});
