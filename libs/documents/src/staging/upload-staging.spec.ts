import { createHash, randomBytes } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { UploadStaging } from './upload-staging';

const newStaging = async () => {
  const staging = new UploadStaging(join(mkdtempSync(join(tmpdir(), 'clf-staging-')), 'tmp'));
  await staging.prepare();
  return staging;
};

describe('staging an upload in a temporary file', () => {
  it('writes the stream to a private file, hashing and counting on the way', async () => {
    const staging = await newStaging();
    const content = randomBytes(300_000);
    const staged = await staging.stage(
      Readable.from([content.subarray(0, 1000), content.subarray(1000)]),
    );
    expect(staged.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(staged.size).toBe(content.length);
    expect(readFileSync(staged.path).equals(content)).toBe(true);
    expect(statSync(staged.path).mode & 0o777).toBe(0o600);
    expect(statSync(staging.folder).mode & 0o777).toBe(0o700);
    await staging.discard(staged);
    expect(readdirSync(staging.folder)).toEqual([]);
  });

  it('leaves nothing behind when the upload breaks off', async () => {
    const staging = await newStaging();
    const source = new PassThrough();
    const staged = staging.stage(source);
    source.write(randomBytes(10_000));
    source.destroy(new Error('Request aborted'));
    await expect(staged).rejects.toThrow('Request aborted');
    expect(readdirSync(staging.folder)).toEqual([]);
  });

  it('discards a file the store already moved away without complaint', async () => {
    const staging = await newStaging();
    await expect(staging.discard({ path: join(staging.folder, 'gone') })).resolves.toBeUndefined();
  });

  it('clears what a crashed process left when it is prepared, but not an upload another process is receiving', async () => {
    const staging = await newStaging();
    const now = new Date('2026-12-06T12:00:00Z');
    const leftOver = join(staging.folder, 'left-over.upload');
    writeFileSync(leftOver, 'half an upload');
    utimesSync(leftOver, new Date('2026-12-06T10:59:00Z'), new Date('2026-12-06T10:59:00Z'));
    const arriving = join(staging.folder, 'arriving.upload');
    writeFileSync(arriving, 'the running server is still writing this');
    utimesSync(arriving, new Date('2026-12-06T11:59:00Z'), new Date('2026-12-06T11:59:00Z'));
    await staging.prepare(now);
    expect(readdirSync(staging.folder)).toEqual(['arriving.upload']);
  });
});
