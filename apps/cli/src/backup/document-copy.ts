import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SHA256_HEX } from '#documents';
import { describeFile, sha256OfFile, syncToDisk, type FileEntry } from './file-integrity';

/** Where the file store keeps a document (`FileDocumentStore`): `ab/cd/<sha256>`. */
export const documentPath = (sha256: string) =>
  `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

const FAN_OUT = /^[0-9a-f]{2}$/;

/**
 * The stored name of each document an event names, in SQL over the events table: where its
 * sealed bytes are kept (`storedAs`), or for one stored before documents were encrypted its
 * content's SHA-256.
 */
export const STORED_DOCUMENT_SQL = `COALESCE(json_extract(data, '$.storedAs'), json_extract(data, '$.sha256'))`;

async function entries(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Every complete document under the store's root. Files still being written (`*.part`)
 * are left out: an upload is renamed into place, whole, before its event is appended.
 */
export async function listDocuments(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const first of (await entries(root)).filter((name) => FAN_OUT.test(name)))
    for (const second of (await entries(join(root, first))).filter((name) => FAN_OUT.test(name)))
      for (const name of await entries(join(root, first, second)))
        if (SHA256_HEX.test(name) && name.startsWith(first + second)) found.push(name);
  return found;
}

export interface DocumentCopies {
  copied: FileEntry[];
  /** Source files whose bytes do not match their name: damaged in the data directory. */
  damaged: string[];
}

/**
 * Copies documents from one store root to another and checks each copy against its
 * content address (its name): a copy that does not hash to its name is not a copy. A
 * source that does not either is damaged where it lies; it is reported, not copied.
 */
export async function copyDocuments(
  sources: readonly string[],
  from: string,
  to: string,
  onCopied: (done: number) => void = () => {},
): Promise<DocumentCopies> {
  const result: DocumentCopies = { copied: [], damaged: [] };
  for (const [index, sha256] of sources.entries()) {
    const relative = documentPath(sha256);
    const target = join(to, relative);
    await mkdir(join(target, '..'), { recursive: true });
    await copyFile(join(from, relative), target, constants.COPYFILE_EXCL);
    await syncToDisk(target);
    const entry = await describeFile(target, `documents/${relative}`);
    if (entry.sha256 === sha256) result.copied.push(entry);
    else if ((await sha256OfFile(join(from, relative))) !== sha256) {
      result.damaged.push(sha256);
      await rm(target);
    } else
      throw new Error(`the copy of document ${sha256} does not match it; the disk may be failing`);
    onCopied(index + 1);
  }
  return result;
}
