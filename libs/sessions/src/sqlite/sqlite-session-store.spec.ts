import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionStoreContract } from '../testing/session-store.contract';
import { SqliteSessionStore } from './sqlite-session-store';

describe('SqliteSessionStore (contract)', () => {
  sessionStoreContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clf-sessions-'));
    return new SqliteSessionStore(join(dir, 'sessions.db'));
  });
});
