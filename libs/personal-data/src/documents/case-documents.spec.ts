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
    expect(await documents.put('case-1', file)).toEqual({ sha256: file.sha256, size: file.size });
    expect((await buffer((await documents.open('case-1', file.sha256))!)).toString()).toBe(
      'Statement by Jane Doe',
    );
    const [kept] = storedFiles();
    expect(kept.includes('Jane Doe')).toBe(false);
  });

  it('keeps the same content once within a case, and apart in another case', async () => {
    const { documents, staged, storedFiles } = setUp();
    await documents.put('case-1', staged('same'));
    await documents.put('case-1', staged('same'));
    expect(storedFiles()).toHaveLength(1);
    await documents.put('case-2', staged('same'));
    expect(storedFiles()).toHaveLength(2);
    expect(await documents.open('case-2', staged('other').sha256)).toBeNull();
  });

  it('removes a case’s documents; once its key is erased none open and none can be added', async () => {
    const { keys, documents, staged, storedFiles } = setUp();
    const file = staged('Statement');
    await documents.put('case-1', file);
    await documents.put('case-2', staged('Statement'));
    await documents.remove('case-1', [file.sha256, file.sha256]);
    expect(await documents.open('case-1', file.sha256)).toBeNull();
    expect(storedFiles()).toHaveLength(1);
    await keys.erase('case-2', new Date());
    expect(await documents.open('case-2', file.sha256)).toBeNull();
    await expect(documents.put('case-2', staged('more'))).rejects.toThrow(PersonalDataErasedError);
  });
});
