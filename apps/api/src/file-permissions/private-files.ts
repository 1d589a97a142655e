import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Everything CLF writes is personal data (complaints, documents, the signing secret):
 * only the account the server runs as may read it. Folders 0700, files 0600.
 */
const GROUP_AND_OTHERS = 0o077;

/** From now on this process creates folders 0700 and files 0600. Called first thing by the server and every command. */
export function keepNewFilesPrivate(): void {
  process.umask(GROUP_AND_OTHERS);
}

/** A file or folder whose permissions were narrowed, with its mode before and after (octal). */
export interface Tightened {
  path: string;
  from: string;
  to: string;
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;

/**
 * Takes group and others' permissions off `root` and everything under it, saying what was
 * changed: for a data directory or backup made before they were kept private. Symbolic
 * links are left alone, and not followed.
 */
export async function makePrivate(root: string): Promise<Tightened[]> {
  const changed: Tightened[] = [];
  const visit = async (path: string): Promise<void> => {
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) return;
    const mode = stats.mode & 0o7777;
    if (mode & GROUP_AND_OTHERS) {
      const narrowed = mode & ~GROUP_AND_OTHERS;
      await chmod(path, narrowed);
      changed.push({ path, from: octal(mode), to: octal(narrowed) });
    }
    if (stats.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(root);
  return changed;
}
