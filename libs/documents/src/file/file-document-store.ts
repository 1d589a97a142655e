import { constants, createReadStream } from 'node:fs';
import { access, chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  SHA256_HEX,
  type DocumentStore,
  type StagedFile,
  type StoredContent,
} from '../document-store.port';

/**
 * Files under `<root>/ab/cd/<sha256>`. A staged upload is flushed to disk and renamed into
 * place, so a crash leaves either the whole file or none of it. The staging folder must be
 * on the same file system (the data directory's own `tmp`), as a rename cannot cross them.
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

  async put(file: StagedFile): Promise<StoredContent> {
    if (!SHA256_HEX.test(file.sha256)) throw new Error(`"${file.sha256}" is not a SHA-256`);
    const path = this.pathOf(file.sha256);
    if (!(await exists(path))) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await flush(file.path);
      await chmod(file.path, 0o600);
      await rename(file.path, path);
    }
    return { sha256: file.sha256, size: file.size };
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const path = this.pathOf(sha256);
    return (await exists(path)) ? createReadStream(path) : null;
  }

  async remove(sha256: string): Promise<void> {
    if (!SHA256_HEX.test(sha256)) return;
    await rm(this.pathOf(sha256), { force: true });
  }

  async close(): Promise<void> {}
}

async function flush(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
