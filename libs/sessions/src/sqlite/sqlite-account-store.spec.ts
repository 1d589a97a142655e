import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountStoreContract } from '../testing/account-store.contract';
import { SqliteAccountStore } from './sqlite-account-store';

describe('SqliteAccountStore (contract)', () => {
  accountStoreContract(
    async () =>
      new SqliteAccountStore(join(mkdtempSync(join(tmpdir(), 'clf-accounts-')), 'accounts.db')),
  );
});
