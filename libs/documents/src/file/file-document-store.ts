import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { SHA256_HEX, type DocumentStore, type StoredContent } from '../document-store.port';

/**
 * Files under `<root>/ab/cd/<sha256>`: written to a temporary name, flushed to disk,
 * then renamed, so a crash leaves either the whole file or none of it.
 */
export class FileDocumentStore implements DocumentStore {
  constructor(private readonly root: string) {}

  /** The folder, or while nothing is stored yet the data directory it will be made in, is writable. */
  async ping(): Promise<void> {
    const folder = await access(this.root).then(
      () => this.root,
      () => dirname(this.root),
    );
    await access(folder, constants.W_OK);
  }

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Buffer): Promise<StoredContent> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const path = this.pathOf(sha256);
    if (!(await exists(path))) {
      await mkdir(join(path, '..'), { recursive: true });
      const temporary = `${path}.${randomUUID()}.part`;
      const file = await open(temporary, 'wx');
      try {
        await file.writeFile(content);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path).catch(async (error: unknown) => {
        await unlink(temporary).catch(() => undefined);
        throw error;
      });
    }
    return { sha256, size: content.length };
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const path = this.pathOf(sha256);
    return (await exists(path)) ? createReadStream(path) : null;
  }

  async close(): Promise<void> {}
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
