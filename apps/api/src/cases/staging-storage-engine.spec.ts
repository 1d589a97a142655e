import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Request } from 'express';
import { UploadStaging, type StagedFile } from '#documents';
import { stagingStorageEngine } from './staging-storage-engine';

async function engineWithStaging() {
  const staging = new UploadStaging(join(mkdtempSync(join(tmpdir(), 'clf-engine-')), 'tmp'));
  await staging.prepare();
  return { staging, engine: stagingStorageEngine(staging) };
}

const fileOf = (stream: Readable) => ({ stream }) as unknown as Express.Multer.File;

function handle(engine: ReturnType<typeof stagingStorageEngine>, file: Express.Multer.File) {
  return new Promise<Partial<StagedFile>>((resolve, reject) =>
    engine._handleFile({} as Request, file, (error, info) =>
      error ? reject(error) : resolve(info ?? {}),
    ),
  );
}

describe('the upload storage engine', () => {
  it('hands multer the staged file: its path, hash and size', async () => {
    const { engine, staging } = await engineWithStaging();
    const staged = await handle(engine, fileOf(Readable.from([Buffer.from('a letter')])));
    expect(staged.size).toBe(8);
    expect(readFileSync(staged.path!, 'utf8')).toBe('a letter');
    expect(readdirSync(staging.folder)).toHaveLength(1);
  });

  it('keeps nothing of a file cut short at the size limit', async () => {
    const { engine, staging } = await engineWithStaging();
    const stream = Object.assign(Readable.from([Buffer.from('half')]), { truncated: true });
    expect(await handle(engine, fileOf(stream))).toEqual({});
    expect(readdirSync(staging.folder)).toEqual([]);
  });

  it('removes a staged file when multer refuses the request, and ignores one never staged', async () => {
    const { engine, staging } = await engineWithStaging();
    const staged = await handle(engine, fileOf(Readable.from([Buffer.from('x')])));
    const remove = (file: object) =>
      new Promise<void>((resolve, reject) =>
        engine._removeFile({} as Request, file as Express.Multer.File, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    await remove(staged);
    await remove({});
    expect(readdirSync(staging.folder)).toEqual([]);
  });
});
