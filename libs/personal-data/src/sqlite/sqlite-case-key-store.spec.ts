import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newDataKey } from '../sealing/aes-gcm';
import { caseKeyStoreContract } from '../testing/case-key-store.contract';
import { SqliteCaseKeyStore } from './sqlite-case-key-store';

caseKeyStoreContract('SQLite', async () => {
  const filename = join(mkdtempSync(join(tmpdir(), 'clf-keys-')), 'case-keys.db');
  const masterKey = newDataKey();
  return {
    store: new SqliteCaseKeyStore(filename, masterKey),
    reopen: async (key) => new SqliteCaseKeyStore(filename, key),
    masterKey,
  };
});

describe('SqliteCaseKeyStore', () => {
  it('leaves no copy of an erased key in its file or its write-ahead log', async () => {
    const filename = join(mkdtempSync(join(tmpdir(), 'clf-keys-')), 'case-keys.db');
    const store = new SqliteCaseKeyStore(filename, newDataKey());
    await store.keyFor('case-1');
    const wrapped = (
      store as unknown as { db: { prepare(sql: string): { get(): { wrapped: Buffer } } } }
    ).db
      .prepare("SELECT wrapped FROM case_keys WHERE case_id = 'case-1'")
      .get().wrapped;
    await store.erase('case-1', new Date());
    const bytes = Buffer.concat(
      ['', '-wal'].flatMap((suffix) => {
        try {
          return [readFileSync(filename + suffix)];
        } catch {
          return [];
        }
      }),
    );
    expect(bytes.indexOf(wrapped)).toBe(-1);
    await store.close();
  });
});
