import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DATA_DIR_ENTRIES, makePrivate } from '#api/offline';
import { OperationRefusedError } from '../operation-refused.error';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST_FILE,
  type BackupManifest,
} from './backup-manifest';
import { copyDocuments, listDocuments } from './document-copy';
import { snapshotEventStore, type EventStoreSnapshot } from './event-store-snapshot';
import { describeFile, syncParent, syncToDisk, type FileEntry } from './file-integrity';
import { exists } from '../path-exists';

export interface BackupOptions {
  dataDir: string;
  /** The backup directory to create; it must not exist. */
  target: string;
  clock?: () => Date;
  pagesPerStep?: number;
  onEventsProgress?(copiedPages: number, totalPages: number, snapshotEvents: number): void;
  onDocumentsProgress?(done: number, of: number): void;
}

const ABOUT =
  'A point-in-time backup of a CLF embedded data directory: the event store (events.db, as of takenAt), ' +
  'the uploaded documents (documents/, by SHA-256), the JWT secret (jwt-secret) if there was one, ' +
  'the accounts (accounts.db: password hashes, API tokens) if there were any, ' +
  'the case keys (case-keys.db, wrapped by the master key; an erased case has none) and the master key (master.key) unless CLF_MASTER_KEY keeps it elsewhere. ' +
  'and the log of reminders and digests sent to staff (staff-notifications.db), so none is sent again after a restore. ' +
  'Restore it with: npm run restore -- <this directory> --data-dir <a new or empty directory>.';

const LEFT_OUT = [
  'sessions.db: who was signed in to the console; everybody signs in again after a restore.',
  'job-runs.db: what the scheduled jobs’ last runs did; a restored server starts a new record.',
  'chain-audits.db: what the chain-audit job found; its next run checks the restored events again.',
  'checkpoints.db: how far the mail dispatcher had read; after a restore it reads from the first event, and the events say which e-mails were delivered or failed (a checkpoint past the restored events would skip letters written after the restore).',
  'read-models/: the case queue, monthly statistics and themes are derived from the events; a server started on the restored directory rebuilds them from the first event.',
];

async function checkBeforeStarting(dataDir: string, target: string): Promise<void> {
  if (await exists(target))
    throw new OperationRefusedError(
      `${target} already exists. A backup never overwrites anything: give a name that is not taken.`,
    );
  if (!(await exists(join(dataDir, DATA_DIR_ENTRIES.events))))
    throw new OperationRefusedError(
      `There is no CLF event store in ${dataDir} (no ${DATA_DIR_ENTRIES.events}). Set CLF_DATA_DIR (or --data-dir) to the directory the server keeps its data in.`,
    );
}

/**
 * A secret the server generated into its data directory (the JWT secret, the master key),
 * copied owner-only as the server keeps it; null when the server takes it from its settings.
 */
async function copySecret(
  dataDir: string,
  staging: string,
  entry: (typeof DATA_DIR_ENTRIES)['jwtSecret' | 'masterKey'],
): Promise<FileEntry | null> {
  const source = join(dataDir, entry);
  if (!(await exists(source))) return null;
  const target = join(staging, entry);
  await copyFile(source, target);
  await syncToDisk(target);
  return describeFile(target, entry);
}

/**
 * A SQLite file beside the events (the accounts: password hashes, API tokens; the case
 * keys; the log of reminders sent to staff), copied by SQLite's online backup so a change made meanwhile is either in or out,
 * never half; null when there is none yet.
 */
async function copySqliteFile(
  dataDir: string,
  staging: string,
  entry: (typeof DATA_DIR_ENTRIES)['accounts' | 'caseKeys' | 'staffNotifications'],
): Promise<FileEntry | null> {
  const source = join(dataDir, entry);
  if (!(await exists(source))) return null;
  const target = join(staging, entry);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  await syncToDisk(target);
  return describeFile(target, entry);
}

function manifestOf(
  options: { dataDir: string; takenAt: Date; finishedAt: Date },
  snapshot: EventStoreSnapshot,
  files: {
    events: FileEntry;
    documents: FileEntry[];
    damaged: string[];
    jwtSecret: FileEntry | null;
    accounts: FileEntry | null;
    caseKeys: FileEntry | null;
    masterKey: FileEntry | null;
    staffNotifications: FileEntry | null;
  },
): BackupManifest {
  const copied = new Set(files.documents.map((file) => file.sha256));
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    about: ABOUT,
    takenAt: options.takenAt.toISOString(),
    finishedAt: options.finishedAt.toISOString(),
    source: { dataDir: options.dataDir, host: hostname() },
    events: {
      file: DATA_DIR_ENTRIES.events,
      count: snapshot.count,
      headPosition: snapshot.headPosition,
      streams: snapshot.streams,
      cases: snapshot.cases,
    },
    documents: {
      count: files.documents.length,
      bytes: files.documents.reduce((sum, file) => sum + file.bytes, 0),
      missing: snapshot.documents.filter(
        (sha256) => !copied.has(sha256) && !files.damaged.includes(sha256),
      ),
      damaged: files.damaged,
    },
    jwtSecret: files.jwtSecret && { file: DATA_DIR_ENTRIES.jwtSecret },
    leftOut: LEFT_OUT,
    files: [
      files.events,
      ...files.documents,
      ...(files.jwtSecret ? [files.jwtSecret] : []),
      ...(files.accounts ? [files.accounts] : []),
      ...(files.caseKeys ? [files.caseKeys] : []),
      ...(files.masterKey ? [files.masterKey] : []),
      ...(files.staffNotifications ? [files.staffNotifications] : []),
    ],
  };
}

/**
 * An online backup of the embedded data directory into a new directory. The event store
 * is snapshotted first, then the documents are copied: a document is stored before the
 * event that names it is appended, and never changes after, so every document the
 * snapshot names is already on disk. The backup is written under a temporary name and
 * renamed into place only when complete, so a directory with the target's name is always
 * a whole backup.
 */
export async function takeBackup(options: BackupOptions): Promise<BackupManifest> {
  const clock = options.clock ?? (() => new Date());
  const dataDir = resolve(options.dataDir);
  const target = resolve(options.target);
  await checkBeforeStarting(dataDir, target);
  await mkdir(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.partial-${randomUUID().slice(0, 8)}`);
  await mkdir(staging, { mode: 0o700 });
  try {
    let takenAt = clock();
    const eventsFile = join(staging, DATA_DIR_ENTRIES.events);
    let snapshotEvents = 0;
    const snapshot = await snapshotEventStore(join(dataDir, DATA_DIR_ENTRIES.events), eventsFile, {
      pagesPerStep: options.pagesPerStep,
      onProgress: (copied, total) => options.onEventsProgress?.(copied, total, snapshotEvents),
      onSnapshot: (facts) => {
        takenAt = clock();
        snapshotEvents = facts.count;
      },
    });
    const documentsRoot = join(dataDir, DATA_DIR_ENTRIES.documents);
    const sources = await listDocuments(documentsRoot);
    options.onDocumentsProgress?.(0, sources.length);
    const documents = await copyDocuments(
      sources,
      documentsRoot,
      join(staging, DATA_DIR_ENTRIES.documents),
      (done) => options.onDocumentsProgress?.(done, sources.length),
    );
    const manifest = manifestOf({ dataDir, takenAt, finishedAt: clock() }, snapshot, {
      events: await describeFile(eventsFile, DATA_DIR_ENTRIES.events),
      documents: documents.copied,
      damaged: documents.damaged,
      jwtSecret: await copySecret(dataDir, staging, DATA_DIR_ENTRIES.jwtSecret),
      accounts: await copySqliteFile(dataDir, staging, DATA_DIR_ENTRIES.accounts),
      // After the events: every case they hold had its key made before its first event.
      caseKeys: await copySqliteFile(dataDir, staging, DATA_DIR_ENTRIES.caseKeys),
      masterKey: await copySecret(dataDir, staging, DATA_DIR_ENTRIES.masterKey),
      // After the snapshot: it names every reminder sent by then, so none goes twice after a restore.
      staffNotifications: await copySqliteFile(
        dataDir,
        staging,
        DATA_DIR_ENTRIES.staffNotifications,
      ),
    });
    await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    // Copies keep their source's permissions, which may predate a private data directory.
    await makePrivate(staging);
    await syncToDisk(join(staging, MANIFEST_FILE));
    await syncToDisk(staging);
    await rename(staging, target);
    await syncParent(target);
    return manifest;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
