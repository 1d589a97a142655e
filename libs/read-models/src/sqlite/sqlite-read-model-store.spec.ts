import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelStoreContract } from '../testing/read-model-store.contract';
import { SqliteReadModelStore } from './sqlite-read-model-store';

describe('SqliteReadModelStore (contract)', () => {
  readModelStoreContract(
    async () => new SqliteReadModelStore(join(mkdtempSync(join(tmpdir(), 'clf-rm-')), 'rm.db'), 1),
  );
});
