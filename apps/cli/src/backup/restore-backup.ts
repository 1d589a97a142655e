import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { caseStream } from '#domain';
import { SHA256_HEX } from '#documents';
import { erasedCasesIn, eraseCasesIn } from '#personal-data';
import { DATA_DIR_ENTRIES, makePrivate } from '#api/offline';
import { OperationRefusedError } from '../operation-refused.error';
import { readManifest, type BackupManifest } from './backup-manifest';
import { describeFile, syncParent, syncToDisk, type FileEntry } from './file-integrity';
import { documentPath, STORED_DOCUMENT_SQL } from './document-copy';
import { exists } from '../path-exists';

export interface RestoreOptions {
  backup: string;
  /** The data directory to create: it must not exist, or be empty. */
  dataDir: string;
  /**
   * A data directory whose erasures must hold in the restored one too (a backup taken before
   * an erasure must not bring the data back): by default the one the backup was taken from,
   * when it is still there.
   */
  erasuresFrom?: string;
  clock?: () => Date;
  onFilesProgress?(done: number, of: number): void;
  onVerifyProgress?(verifiedEvents: number, of: number): void;
}

export interface RestoreReport {
  manifest: BackupManifest;
  dataDir: string;
  /** Streams whose hash chains were recomputed and held. */
  verifiedStreams: number;
  /** Cases erased since the backup was taken (in `erasuresFrom`), erased again in the restored directory. */
  erasedAgain: { from: string; cases: number } | null;
  warnings: string[];
}

async function requireEmptyTarget(dataDir: string): Promise<boolean> {
  try {
    const found = await readdir(dataDir);
    if (found.length > 0)
      throw new OperationRefusedError(
        `${dataDir} is not empty (it holds ${found.slice(0, 3).join(', ')}${found.length > 3 ? ', …' : ''}). A restore never overwrites data: give a new or empty directory with --data-dir, or move this one aside first.`,
      );
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'ENOTDIR')
      throw new OperationRefusedError(`${dataDir} is a file, not a directory to restore into.`);
    throw error;
  }
}

/** Copies each listed file into the new data directory and checks the copy against the manifest. */
async function copyListedFiles(
  backupDir: string,
  staging: string,
  files: readonly FileEntry[],
  onProgress: (done: number, of: number) => void,
): Promise<void> {
  for (const [index, file] of files.entries()) {
    const source = join(backupDir, file.path);
    const target = join(staging, file.path);
    try {
      await stat(source);
    } catch {
      throw new OperationRefusedError(
        `The backup is incomplete: ${file.path} is listed in its manifest but is not in ${backupDir}. Use another backup.`,
      );
    }
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target);
    await syncToDisk(target);
    const copy = await describeFile(target, file.path);
    if (copy.sha256 !== file.sha256 || copy.bytes !== file.bytes)
      throw new OperationRefusedError(
        `${file.path} in the backup does not match the SHA-256 its manifest gives: the backup is damaged or was changed after it was taken. Use another backup.`,
      );
    onProgress(index + 1, files.length);
  }
}

/** The restored event store holds what the manifest says, and every stream's hash chain holds. */
async function verifyEventStore(
  filename: string,
  manifest: BackupManifest,
  onProgress: (verified: number, of: number) => void,
): Promise<{ streams: number; documents: string[] }> {
  const store = new SqliteEventStore({ filename });
  try {
    const db = store.database;
    const totals = db
      .prepare<[], { count: number; head: number | null }>(
        'SELECT COUNT(*) AS count, MAX(position) AS head FROM events',
      )
      .get()!;
    if (
      totals.count !== manifest.events.count ||
      (totals.head ?? 0) !== manifest.events.headPosition
    )
      throw new OperationRefusedError(
        `The backup's event store holds ${totals.count} events up to position ${totals.head ?? 0}, but its manifest says ${manifest.events.count} up to ${manifest.events.headPosition}. Use another backup.`,
      );
    const streams = db
      .prepare<[], { stream: string; events: number }>(
        'SELECT stream, COUNT(*) AS events FROM events GROUP BY stream ORDER BY MIN(position)',
      )
      .all();
    let verified = 0;
    for (const { stream, events } of streams) {
      const chain = await store.verify(stream);
      if (!chain.valid) throw brokenChain(db, stream, chain.brokenAtRevision);
      verified += events;
      onProgress(verified, totals.count);
    }
    const documents = db
      .prepare<[], { sha256: string }>(
        `SELECT DISTINCT ${STORED_DOCUMENT_SQL} AS sha256 FROM events WHERE type = 'DocumentAttached'`,
      )
      .all()
      .map((row) => row.sha256);
    return { streams: streams.length, documents };
  } finally {
    await store.close();
  }
}

function brokenChain(
  db: SqliteEventStore['database'],
  stream: string,
  revision: number | null,
): OperationRefusedError {
  const first = db
    .prepare<[string], { reference: string | null }>(
      "SELECT json_extract(data, '$.reference') AS reference FROM events WHERE stream = ? ORDER BY revision LIMIT 1",
    )
    .get(stream);
  const which = first?.reference
    ? `Case ${first.reference} (stream ${stream})`
    : `Stream ${stream}`;
  return new OperationRefusedError(
    `${which}: its hash chain breaks at revision ${revision} — an event was changed after it was recorded. This backup cannot be trusted; restore an earlier one.`,
  );
}

/** Documents the events name that the backup does not hold, beyond what its manifest already owned up to. */
function documentWarnings(manifest: BackupManifest, named: readonly string[]): string[] {
  const held = new Set(manifest.files.map((file) => file.sha256));
  const known = new Set([...manifest.documents.missing, ...manifest.documents.damaged]);
  const unexplained = named.filter((sha256) => !held.has(sha256) && !known.has(sha256));
  if (unexplained.length > 0)
    throw new OperationRefusedError(
      `The backup's events name ${unexplained.length} document(s) it does not hold (${unexplained[0]}…), and its manifest does not say why. Use another backup.`,
    );
  return [...known].map(
    (sha256) =>
      `Document ${sha256} was already missing or damaged in the data directory when the backup was taken; cases that name it will show it but cannot return its file.`,
  );
}

/**
 * Erases again, in the restored directory, every case whose key `from` (the live data
 * directory) has erased: its key, and the documents its events name. The restored events
 * keep their chain; the cases read as erased, as they did before the restore.
 */
async function eraseAgain(
  staging: string,
  from: string,
  target: string,
  at: Date,
): Promise<RestoreReport['erasedAgain']> {
  const ledger = join(resolve(from), DATA_DIR_ENTRIES.caseKeys);
  const restoredKeys = join(staging, DATA_DIR_ENTRIES.caseKeys);
  if (resolve(from) === target || !(await exists(ledger)) || !(await exists(restoredKeys)))
    return null;
  const erased = erasedCasesIn(ledger);
  if (erased.length === 0) return { from, cases: 0 };
  const store = new SqliteEventStore({ filename: join(staging, DATA_DIR_ENTRIES.events) });
  try {
    const storedAs = store.database.prepare<[string], { sha256: string | null }>(
      `SELECT ${STORED_DOCUMENT_SQL} AS sha256 FROM events WHERE stream = ? AND type = 'DocumentAttached'`,
    );
    for (const caseId of erased)
      for (const { sha256 } of storedAs.all(caseStream(caseId)))
        if (sha256 && SHA256_HEX.test(sha256))
          await rm(join(staging, DATA_DIR_ENTRIES.documents, documentPath(sha256)), {
            force: true,
          });
  } finally {
    await store.close();
  }
  eraseCasesIn(restoredKeys, erased, at);
  return { from, cases: erased.length };
}

/**
 * Restores a backup into a new data directory: checks every file against the manifest,
 * recomputes every stream's hash chain, and only then moves the directory into place (it
 * is assembled under a temporary name beside it). The read models are not in a backup: the
 * server rebuilds them from the events on its first start.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const backupDir = resolve(options.backup);
  const dataDir = resolve(options.dataDir);
  const manifest = await readManifest(backupDir);
  const existsEmpty = await requireEmptyTarget(dataDir);
  await mkdir(dirname(dataDir), { recursive: true });
  const staging = join(
    dirname(dataDir),
    `.${basename(dataDir)}.restoring-${randomUUID().slice(0, 8)}`,
  );
  await mkdir(staging, { mode: 0o700 });
  try {
    await copyListedFiles(
      backupDir,
      staging,
      manifest.files,
      options.onFilesProgress ?? (() => {}),
    );
    const verified = await verifyEventStore(
      join(staging, DATA_DIR_ENTRIES.events),
      manifest,
      options.onVerifyProgress ?? (() => {}),
    );
    const warnings = documentWarnings(manifest, verified.documents);
    const erasedAgain = await eraseAgain(
      staging,
      options.erasuresFrom ?? manifest.source.dataDir,
      dataDir,
      (options.clock ?? (() => new Date()))(),
    );
    await makePrivate(staging); // the backup's files may have been copied about with looser permissions
    await syncToDisk(staging);
    if (existsEmpty) await rmdir(dataDir);
    await rename(staging, dataDir);
    await syncParent(dataDir);
    return { manifest, dataDir, verifiedStreams: verified.streams, warnings, erasedAgain };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
