import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DocumentStore, StagedFile } from '../document-store.port';
import { UploadStaging } from '../staging/upload-staging';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Content staged as an upload is, in a private folder of the test's own. */
export async function stagedContent(content: Buffer, folder?: string): Promise<StagedFile> {
  const staging = new UploadStaging(folder ?? mkdtempSync(join(tmpdir(), 'clf-staged-')));
  await staging.prepare();
  return staging.stage(Readable.from([content]));
}

/** Content in, the same content out, keyed by its SHA-256. */
export function documentStoreContract(open: () => Promise<DocumentStore>): void {
  let store: DocumentStore;
  beforeEach(async () => (store = await open()));
  afterEach(() => store.close());

  const put = async (content: Buffer) => {
    const staged = await stagedContent(content);
    const stored = await store.put(staged);
    await new UploadStaging('').discard(staged); // the caller's part: the temporary file goes
    return stored;
  };

  it('answers a ping while it can take files', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('stores content under its SHA-256 and gives back the same bytes, the staged file gone', async () => {
    const content = randomBytes(300_000);
    const stored = await put(content);
    expect(stored).toEqual({
      sha256: createHash('sha256').update(content).digest('hex'),
      size: 300_000,
    });
    expect((await readAll((await store.open(stored.sha256))!)).equals(content)).toBe(true);
  });

  it('stores the same content once, however often it is put', async () => {
    const content = randomBytes(1000);
    const [a, b] = await Promise.all([put(content), put(content)]);
    expect(a).toEqual(b);
    expect((await readAll((await store.open(a.sha256))!)).equals(content)).toBe(true);
  });

  it('keeps an empty file', async () => {
    const stored = await put(Buffer.alloc(0));
    expect((await readAll((await store.open(stored.sha256))!)).length).toBe(0);
  });

  it('finds nothing for an unknown hash, or for something that is not a hash', async () => {
    expect(await store.open('0'.repeat(64))).toBeNull();
    expect(await store.open('../../etc/passwd')).toBeNull();
  });

  it('removes content for good, and removing what is not there is fine', async () => {
    const stored = await put(Buffer.from('to be erased'));
    await store.remove(stored.sha256);
    expect(await store.open(stored.sha256)).toBeNull();
    await store.remove(stored.sha256);
    await store.remove('../../etc/passwd');
  });
}
