import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentStoreContract, stagedContent } from '../testing/document-store.contract';
import { FileDocumentStore } from './file-document-store';

describe('FileDocumentStore (contract)', () => {
  documentStoreContract(
    async () => new FileDocumentStore(mkdtempSync(join(tmpdir(), 'clf-docs-'))),
  );
});

it('moves the staged file under two levels of its hash, private, with no temporary files left behind', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-docs-'));
  const root = join(dataDir, 'documents');
  const staged = await stagedContent(Buffer.from('hello'), join(dataDir, 'tmp'));
  const { sha256 } = await new FileDocumentStore(root).put(staged);
  const folder = join(root, sha256.slice(0, 2), sha256.slice(2, 4));
  expect(readdirSync(folder)).toEqual([sha256]);
  expect(existsSync(staged.path)).toBe(false);
  expect(statSync(join(folder, sha256)).mode & 0o777).toBe(0o600);
  expect(statSync(folder).mode & 0o777).toBe(0o700);
});

it('fails its ping once its data directory has gone', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-docs-'));
  const store = new FileDocumentStore(join(dataDir, 'documents'));
  await expect(store.ping()).resolves.toBeUndefined(); // nothing stored yet: the data dir will do
  rmSync(dataDir, { recursive: true });
  await expect(store.ping()).rejects.toThrow();
});
