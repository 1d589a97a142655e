import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import fc from 'fast-check';
import { newDataKey } from '../sealing/aes-gcm';
import { OpeningStream, sealingStream } from './sealed-content';

const through = (chunks: Buffer[], stream: NodeJS.ReadWriteStream) =>
  buffer(Readable.from(chunks).pipe(stream));

describe('a document sealed with its case’s key', () => {
  const key = newDataKey();
  const sha = 'ab'.repeat(32);

  it('opens to the same bytes however they are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 8 }),
        async (parts) => {
          const chunks = parts.map((part) => Buffer.from(part));
          const sealed = await through(chunks, sealingStream(key, 'case-1', sha));
          const pieces = [sealed.subarray(0, 5), sealed.subarray(5, 20), sealed.subarray(20)];
          const opened = await through(pieces, OpeningStream.for(key, 'case-1', sha));
          expect(opened.equals(Buffer.concat(chunks))).toBe(true);
        },
      ),
    );
  });

  it('is sealed the same way twice in one case (stored once), and otherwise in another case', async () => {
    const content = [Buffer.from('%PDF-1.7 letter')];
    const once = await through(content, sealingStream(key, 'case-1', sha));
    expect((await through(content, sealingStream(key, 'case-1', sha))).equals(once)).toBe(true);
    const elsewhere = await through(content, sealingStream(newDataKey(), 'case-2', sha));
    expect(elsewhere.equals(once)).toBe(false);
  });

  it('does not open with another key, for another case, or changed', async () => {
    const sealed = await through([Buffer.from('hello')], sealingStream(key, 'case-1', sha));
    await expect(
      through([sealed], OpeningStream.for(newDataKey(), 'case-1', sha)),
    ).rejects.toThrow();
    await expect(through([sealed], OpeningStream.for(key, 'case-2', sha))).rejects.toThrow();
    const changed = Buffer.from(sealed);
    changed[13] ^= 1;
    await expect(through([changed], OpeningStream.for(key, 'case-1', sha))).rejects.toThrow();
    await expect(
      through([sealed.subarray(0, 20)], OpeningStream.for(key, 'case-1', sha)),
    ).rejects.toThrow('cut short');
  });
});
