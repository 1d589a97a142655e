import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { FileDocumentStore } from '#documents';
import { newDataKey } from '../sealing/aes-gcm';
import { SqliteCaseKeyStore } from '../sqlite/sqlite-case-key-store';
import { PersonalDataErasedError } from '../personal-data-erased.error';
import { CaseDocuments } from './case-documents';

function setUp() {
  const directory = mkdtempSync(join(tmpdir(), 'clf-case-docs-'));
  const keys = new SqliteCaseKeyStore(join(directory, 'case-keys.db'), newDataKey());
  const root = join(directory, 'documents');
  const documents = new CaseDocuments(new FileDocumentStore(root), keys);
  const staged = (content: string) => {
    const path = join(directory, `upload-${Math.random()}`);
    writeFileSync(path, content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    return { path, sha256, size: Buffer.byteLength(content) };
  };
  const storedFiles = () =>
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name)));
  return { keys, documents, staged, storedFiles };
}

describe('CaseDocuments: documents encrypted at rest with their case’s key', () => {
  it('stores a document encrypted and gives back its bytes; the SHA-256 is the content’s', async () => {
    const { documents, staged, storedFiles } = setUp();
    const file = staged('Statement by Jane Doe');
    const stored = await documents.put('case-1', file);
    expect(stored).toEqual({ sha256: file.sha256, size: file.size, storedAs: expect.any(String) });
    expect((await buffer((await documents.open('case-1', stored))!)).toString()).toBe(
      'Statement by Jane Doe',
    );
    const [kept] = storedFiles();
    expect(kept.includes('Jane Doe')).toBe(false);
    expect(createHash('sha256').update(kept).digest('hex')).toBe(stored.storedAs);
  });

  it('keeps the same content once within a case, and apart in another case', async () => {
    const { documents, staged, storedFiles } = setUp();
    const first = await documents.put('case-1', staged('same'));
    expect(await documents.put('case-1', staged('same'))).toEqual(first);
    expect(storedFiles()).toHaveLength(1);
    const other = await documents.put('case-2', staged('same'));
    expect(storedFiles()).toHaveLength(2);
    // Sealed for case 1: case 2's key does not open it.
    await expect(buffer((await documents.open('case-2', first))!)).rejects.toThrow();
    expect(await documents.open('case-2', { sha256: other.sha256 })).toBeNull();
  });

  it('removes a case’s documents; once its key is erased none open and none can be added', async () => {
    const { keys, documents, staged, storedFiles } = setUp();
    const one = await documents.put('case-1', staged('Statement'));
    const two = await documents.put('case-2', staged('Statement'));
    await documents.remove([one.storedAs, one.storedAs]);
    expect(await documents.open('case-1', one)).toBeNull();
    expect(storedFiles()).toHaveLength(1);
    await keys.erase('case-2', new Date());
    expect(await documents.open('case-2', two)).toBeNull();
    await expect(documents.put('case-2', staged('more'))).rejects.toThrow(PersonalDataErasedError);
  });
});
