import { lstat } from 'node:fs/promises';

/** The errors that mean nothing is at a path (rather than that it could not be looked at). */
const NOTHING_THERE = new Set(['ENOENT', 'ENOTDIR']);

/**
 * Whether anything is at the path: a file, a directory, or a link (even one leading nowhere,
 * which a command must not write through either). A path that cannot be looked at (no
 * permission) is an error, not an absence: a backup must never take it for a free name.
 */
export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (NOTHING_THERE.has((error as NodeJS.ErrnoException).code ?? '')) return false;
    throw error;
  }
}
