import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentStoreContract } from '../testing/document-store.contract';
import { FileDocumentStore } from './file-document-store';

describe('FileDocumentStore (contract)', () => {
  documentStoreContract(
    async () => new FileDocumentStore(mkdtempSync(join(tmpdir(), 'clf-docs-'))),
  );
});

it('files content under two levels of its hash, with no temporary files left behind', async () => {
  const root = mkdtempSync(join(tmpdir(), 'clf-docs-'));
  const { sha256 } = await new FileDocumentStore(root).put(Buffer.from('hello'));
  expect(readdirSync(join(root, sha256.slice(0, 2), sha256.slice(2, 4)))).toEqual([sha256]);
});

it('fails its ping once its data directory has gone', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-docs-'));
  const store = new FileDocumentStore(join(dataDir, 'documents'));
  await expect(store.ping()).resolves.toBeUndefined(); // nothing stored yet: the data dir will do
  rmSync(dataDir, { recursive: true });
  await expect(store.ping()).rejects.toThrow();
});
