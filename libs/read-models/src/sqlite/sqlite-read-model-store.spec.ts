import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { positionAt } from '#event-store';
import { readModelStoreContract } from '../testing/read-model-store.contract';
import { ReadModelsNotReadyError } from '../read-model.port';
import { SqliteReadModelStore } from './sqlite-read-model-store';

describe('SqliteReadModelStore (contract)', () => {
  readModelStoreContract(
    async () => new SqliteReadModelStore(join(mkdtempSync(join(tmpdir(), 'clf-rm-')), 'rm.db'), 1),
  );
});

describe('SqliteReadModelStore schema versions', () => {
  it('empties a file written by an older version, so the runner refills it from the first event', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clf-rm-')), 'rm.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE cases (case_id TEXT PRIMARY KEY, revision INTEGER NOT NULL);
      CREATE TABLE checkpoint (id INTEGER PRIMARY KEY, commit_position TEXT NOT NULL, prepare_position TEXT NOT NULL);
      INSERT INTO checkpoint VALUES (1, '42', '42');`);
    old.close();

    const store = new SqliteReadModelStore(file, 1);
    expect(await store.checkpoint()).toBeNull();
    expect(await store.dueWork('sla-sweep', '2030-01-01T00:00:00.000Z', { limit: 1 })).toEqual([]);
    await store.save([], positionAt(7));
    await store.close();

    const reopened = new SqliteReadModelStore(file, 1);
    expect(await reopened.checkpoint()).toEqual(positionAt(7)); // the current version is kept
    await reopened.close();
  });
});

it('refuses, and leaves alone, a file of another version when it only reads it (an API replica)', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'clf-rm-')), 'rm.db');
  const writer = new SqliteReadModelStore(file, 1);
  await writer.save([], positionAt(9));
  await writer.close();
  const old = new Database(file);
  old.pragma('user_version = 1');
  old.close();
  expect(() => new SqliteReadModelStore(file, 1, { migrate: false })).toThrow(
    ReadModelsNotReadyError,
  );
  const unchanged = new Database(file);
  expect(unchanged.pragma('user_version', { simple: true })).toBe(1);
  expect(unchanged.prepare('SELECT commit_position FROM checkpoint').get()).toEqual({
    commit_position: '9',
  });
  unchanged.close();
});
