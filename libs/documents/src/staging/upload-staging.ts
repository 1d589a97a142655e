import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StagedFile } from '../document-store.port';

/** Only the server's own account may read an upload before it is checked (or ever). */
const PRIVATE_FILE = 0o600;
const PRIVATE_FOLDER = 0o700;
/**
 * The command-line tools open the same data directory as a running server: only a file
 * untouched this long is a crash's leftover, not an upload still arriving.
 */
const LEFT_OVER_AFTER_MS = 60 * 60 * 1000;

/**
 * A private folder where uploads are written while they arrive, hashed on the way, so
 * that no upload is ever held whole in memory. Each file is removed once its request is
 * over, whatever became of it; what a crash left behind is removed by `prepare`.
 */
export class UploadStaging {
  constructor(readonly folder: string) {}

  /** Creates the folder, private, and removes what an earlier process left in it. */
  async prepare(now: Date = new Date()): Promise<void> {
    await mkdir(this.folder, { recursive: true, mode: PRIVATE_FOLDER });
    for (const name of await readdir(this.folder)) {
      const path = join(this.folder, name);
      const { mtimeMs } = await stat(path);
      if (now.getTime() - mtimeMs > LEFT_OVER_AFTER_MS)
        await rm(path, { recursive: true, force: true });
    }
  }

  /** Writes the stream to a new private file, learning its SHA-256 and size as it goes. */
  async stage(source: Readable): Promise<StagedFile> {
    const path = join(this.folder, `${randomUUID()}.upload`);
    const hash = createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const file = createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE });
    try {
      await pipeline(source, measure, file);
    } catch (error) {
      // The file opens lazily: on an early failure it may be created only now, so it is
      // removed once closed, not before.
      // (Not `events.once`: the destroyed stream's own error would reject it.)
      if (!file.closed) await new Promise<void>((closed) => file.once('close', () => closed()));
      await this.discard({ path });
      throw error;
    }
    return { path, sha256: hash.digest('hex'), size };
  }

  /** Removes the staged file, if it is still there (the store may have moved it). */
  async discard({ path }: Pick<StagedFile, 'path'>): Promise<void> {
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /** Removes the folder itself: for a folder of this process's own, as in the temp directory. */
  async remove(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}
