import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A file as the manifest lists it: where it is inside the backup, its size and its SHA-256. */
export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The manifest entry for a file already written at `absolute`, listed as `path`. */
export async function describeFile(absolute: string, path: string): Promise<FileEntry> {
  const [{ size }, sha256] = await Promise.all([stat(absolute), sha256OfFile(absolute)]);
  return { path, bytes: size, sha256 };
}

/** Flushes a file (or a directory's entries) to disk: a backup that says "done" must be. */
export async function syncToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A rename is durable once the directory holding the new name is flushed. */
export const syncParent = (path: string) => syncToDisk(dirname(path));
