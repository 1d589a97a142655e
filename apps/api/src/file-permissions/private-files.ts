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

/** What `makePrivate` may be told: how to change a mode, and whom to tell of a refusal. */
export interface MakePrivateOptions {
  chmod?: (path: string, mode: number) => Promise<void>;
  /** A path this account may not read or change (another account's): left as it is. */
  onRefused?: (path: string, error: NodeJS.ErrnoException) => void;
}

const isRefusal = (error: unknown): error is NodeJS.ErrnoException =>
  ['EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * Takes group and others' permissions off `root` and everything under it, saying what was
 * changed: for a data directory or backup made before they were kept private. Symbolic
 * links are left alone, and not followed. What belongs to another account (a root-owned
 * `lost+found` where the data directory is a mounted disk) is passed by and reported.
 */
export async function makePrivate(
  root: string,
  { chmod: changeMode = chmod, onRefused = () => {} }: MakePrivateOptions = {},
): Promise<Tightened[]> {
  const changed: Tightened[] = [];
  const tighten = async (path: string): Promise<string[]> => {
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) return [];
    const mode = stats.mode & 0o7777;
    if (mode & GROUP_AND_OTHERS) {
      const narrowed = mode & ~GROUP_AND_OTHERS;
      await changeMode(path, narrowed);
      changed.push({ path, from: octal(mode), to: octal(narrowed) });
    }
    return stats.isDirectory() ? (await readdir(path)).map((name) => join(path, name)) : [];
  };
  const visit = async (path: string): Promise<void> => {
    let children: string[];
    try {
      children = await tighten(path);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      onRefused(path, error);
      return;
    }
    for (const child of children) await visit(child);
  };
  await visit(root);
  return changed;
}
