import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SHA256_HEX } from '#documents';
import { DATA_DIR_ENTRIES } from '#api/offline';
import { OperationRefusedError } from '../operation-refused.error';
import type { FileEntry } from './file-integrity';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'clf-backup';
export const BACKUP_FORMAT_VERSION = 1;

/**
 * `manifest.json`, the first thing to read in a backup: when it was taken, what it holds,
 * what it leaves out, and every file's size and SHA-256.
 */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  about: string;
  /** The instant of the snapshot: the backup holds exactly what was committed by then. */
  takenAt: string;
  finishedAt: string;
  source: { dataDir: string; host: string };
  events: {
    file: string;
    /** Every event in the snapshot, and the position of the last one (0 for none). */
    count: number;
    headPosition: number;
    streams: number;
    cases: number;
  };
  documents: {
    count: number;
    bytes: number;
    /** Documents the events name that were not in the data directory when the backup was taken. */
    missing: string[];
    /** Documents whose bytes no longer match their SHA-256 in the data directory: not copied. */
    damaged: string[];
  };
  jwtSecret: { file: string } | null;
  leftOut: string[];
  files: FileEntry[];
}

/**
 * The paths a manifest may name: the event store, the secret, the accounts, the staff
 * notification log, and documents under their
 * content address. Anything else (`../`, an absolute path) is refused before a byte is
 * copied, so a doctored manifest cannot make a restore write outside its directory.
 */
const FILE_PATH =
  /^(events\.db|jwt-secret|accounts\.db|case-keys\.db|master\.key|staff-notifications\.db|documents\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

function damaged(backupDir: string, problem: string): OperationRefusedError {
  return new OperationRefusedError(
    `${backupDir} is not a backup this version of CLF can restore: ${problem}`,
  );
}

function checkFiles(backupDir: string, files: unknown): FileEntry[] {
  if (!Array.isArray(files)) throw damaged(backupDir, 'its manifest lists no files.');
  for (const file of files as Partial<FileEntry>[]) {
    const valid =
      typeof file?.path === 'string' &&
      FILE_PATH.test(file.path) &&
      Number.isSafeInteger(file.bytes) &&
      (file.bytes as number) >= 0 &&
      typeof file.sha256 === 'string' &&
      SHA256_HEX.test(file.sha256);
    if (!valid)
      throw damaged(backupDir, `its manifest has an entry it cannot use: ${JSON.stringify(file)}.`);
    if (file.path!.startsWith('documents/') && !file.path!.endsWith(file.sha256!))
      throw damaged(backupDir, `document ${file.path} is listed with another SHA-256.`);
  }
  if (!(files as FileEntry[]).some((file) => file.path === DATA_DIR_ENTRIES.events))
    throw damaged(backupDir, 'its manifest does not list the event store (events.db).');
  return files as FileEntry[];
}

/** Reads and checks a backup's manifest; refuses anything that is not one. */
export async function readManifest(backupDir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(backupDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new OperationRefusedError(
        `${backupDir} is not a CLF backup: it has no ${MANIFEST_FILE}. Give the directory \`npm run backup\` wrote.`,
      );
    throw error;
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw damaged(backupDir, `its ${MANIFEST_FILE} is not valid JSON.`);
  }
  if (manifest?.format !== BACKUP_FORMAT)
    throw damaged(backupDir, `its ${MANIFEST_FILE} does not describe a CLF backup.`);
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION)
    throw damaged(
      backupDir,
      `it is in format version ${String(manifest.formatVersion)}; this version reads ${BACKUP_FORMAT_VERSION}.`,
    );
  if (
    !Number.isSafeInteger(manifest.events?.count) ||
    !Number.isSafeInteger(manifest.events?.headPosition)
  )
    throw damaged(backupDir, 'its manifest does not say how many events it holds.');
  if (!Array.isArray(manifest.documents?.missing) || !Array.isArray(manifest.documents?.damaged))
    throw damaged(backupDir, 'its manifest does not list which documents it lacks.');
  checkFiles(backupDir, manifest.files);
  return manifest;
}
