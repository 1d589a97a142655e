import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { CASE_CATEGORY, caseIdOf, type CaseRecordMigrated, type DocumentAttached } from '#domain';
import { FileDocumentStore } from '#documents';
import {
  categoryOf,
  SQLITE_SIDE_FILES,
  sqliteFilesOf,
  SqliteEventStore,
  SqliteReferenceAllocator,
  type Position,
  type RecordedEvent,
} from '#event-store';
import {
  CaseDocuments,
  holdsUnsealedCases,
  SealedEventStore,
  SqliteCaseKeyStore,
} from '#personal-data';
import { DATA_DIR_ENTRIES } from '#api/offline';
import { OperationRefusedError } from '../operation-refused.error';
import { exists } from '../path-exists';

/** What the old files are kept as, beside the new ones, until the operator deletes them. */
export const KEPT_SUFFIX = '.pre-encryption';
/** The format a migrated case's record is in: its personal data sealed with its own key. */
export const SEALED_FORMAT = 'personal-data-sealed-v1';
const PAGE = 1_000;

export interface MigrationReport {
  events: number;
  cases: number;
  documents: number;
  keptEvents: string;
  keptDocuments: string | null;
}

/**
 * Re-writes an embedded store made before personal data was sealed: every event again, in
 * the same order and with its own id, business time and recorded time, through the sealing
 * (new chains, since the stored data changes); each document encrypted with its case's key;
 * the reference counters as they were; then, on each case, a `CaseRecordMigrated` naming
 * where its old chain ended. The old store and documents are kept beside the new ones.
 */
export async function migrateStore(options: {
  dataDir: string;
  masterKey: Buffer;
  clock?: () => Date;
  onProgress?: (done: number, of: number) => void;
}): Promise<MigrationReport | null> {
  const { dataDir } = options;
  const clock = options.clock ?? (() => new Date());
  const eventsFile = join(dataDir, DATA_DIR_ENTRIES.events);
  const keptEvents = eventsFile + KEPT_SUFFIX;
  if (!(await exists(eventsFile)))
    throw new OperationRefusedError(
      `There is no CLF event store in ${dataDir} (no ${DATA_DIR_ENTRIES.events}). Set CLF_DATA_DIR (or --data-dir) to the directory the server keeps its data in.`,
    );
  const old = new SqliteEventStore({ filename: eventsFile });
  const migrating = `${eventsFile}.migrating-${randomUUID().slice(0, 8)}`;
  try {
    if (!(await holdsUnsealedCases(old))) return null;
    if (await exists(keptEvents))
      throw new OperationRefusedError(
        `${keptEvents} is there already, from an earlier migration: move it away (it holds personal data in clear) and run again.`,
      );
    const report = await copyInto(old, migrating, { ...options, clock });
    await old.close();
    return { ...report, keptEvents, keptDocuments: await keepAside(dataDir, migrating) };
  } catch (error) {
    await old.close().catch(() => {});
    for (const file of sqliteFilesOf(migrating)) await rm(file, { force: true });
    throw error;
  }
}

async function copyInto(
  old: SqliteEventStore,
  migrating: string,
  options: {
    dataDir: string;
    masterKey: Buffer;
    clock: () => Date;
    onProgress?: (done: number, of: number) => void;
  },
): Promise<Omit<MigrationReport, 'keptEvents' | 'keptDocuments'>> {
  const { dataDir } = options;
  const total = (old.database.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  let recordedAt = options.clock();
  const stored = new SqliteEventStore({
    filename: migrating,
    durability: 'normal',
    clock: () => recordedAt,
  });
  const keys = new SqliteCaseKeyStore(join(dataDir, DATA_DIR_ENTRIES.caseKeys), options.masterKey);
  const sealed = new SealedEventStore(stored, keys);
  const oldDocuments = new FileDocumentStore(join(dataDir, DATA_DIR_ENTRIES.documents));
  const newDocuments = new CaseDocuments(
    new FileDocumentStore(join(dataDir, `${DATA_DIR_ENTRIES.documents}.migrating`)),
    keys,
  );
  const staging = await mkdtemp(join(dataDir, 'migrating-'));
  const heads = new Map<string, RecordedEvent>();
  let events = 0;
  let documents = 0;
  try {
    for (let after: Position | undefined; ;) {
      const page = await old.readAll({ after, maxCount: PAGE });
      if (page.length === 0) break;
      for (const event of page) {
        recordedAt = new Date(event.recordedAt);
        let data = event.data;
        if (event.type === 'DocumentAttached') {
          const document = data as DocumentAttached['data'];
          const storedAs = await sealDocument(oldDocuments, newDocuments, staging, event, document);
          if (storedAs) documents += 1;
          data = { ...document, ...(storedAs && { storedAs }) };
        }
        await sealed.append(
          event.stream,
          [
            {
              id: event.id,
              type: event.type,
              data,
              occurredAt: event.occurredAt,
              metadata: event.metadata,
            },
          ],
          event.revision === 0 ? 'no-stream' : event.revision - 1,
        );
        if (categoryOf(event.stream) === CASE_CATEGORY) heads.set(event.stream, event);
        events += 1;
      }
      after = page[page.length - 1].position;
      options.onProgress?.(events, total);
    }
    copyReferences(old, stored);
    recordedAt = options.clock();
    for (const [stream, head] of heads) await recordMigration(sealed, stream, head, recordedAt);
    return { events, cases: heads.size, documents };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await sealed.close();
    await keys.close();
  }
}

/** The document's content, sealed with its case's key into the new documents; null when the old store lacks it. */
async function sealDocument(
  from: FileDocumentStore,
  to: CaseDocuments,
  staging: string,
  event: RecordedEvent,
  document: DocumentAttached['data'],
): Promise<string | null> {
  const content = await from.open(document.sha256);
  if (!content) return null;
  const path = join(staging, document.sha256);
  await pipeline(content, createWriteStream(path, { mode: 0o600 }));
  try {
    return (
      await to.put(caseIdOf(event.stream), { path, sha256: document.sha256, size: document.size })
    ).storedAs;
  } finally {
    await rm(path, { force: true });
  }
}

/** The reference counters and which case has which reference, as they were. */
function copyReferences(old: SqliteEventStore, stored: SqliteEventStore): void {
  // The allocator makes its own tables (one home for their schema).
  new SqliteReferenceAllocator(stored);
  const db = stored.database;
  const tables = old.database
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('reference_counters', 'case_references')",
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    const rows = old.database.prepare(`SELECT * FROM ${name}`).all() as Record<string, unknown>[];
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]);
    const insert = db.prepare(
      `INSERT OR REPLACE INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    db.transaction(() => rows.forEach((row) => insert.run(...columns.map((c) => row[c]))))();
  }
}

async function recordMigration(
  sealed: SealedEventStore,
  stream: string,
  head: RecordedEvent,
  at: Date,
): Promise<void> {
  const data: CaseRecordMigrated['data'] = {
    previousHeadHash: head.hash,
    previousHeadRevision: head.revision,
    format: SEALED_FORMAT,
  };
  await sealed.append(
    stream,
    [
      {
        id: randomUUID(),
        type: 'CaseRecordMigrated',
        data,
        occurredAt: at.toISOString(),
        metadata: {
          correlationId: randomUUID(),
          causationId: randomUUID(),
          actor: { id: 'system:migrate', roles: [] },
          policyId: head.metadata.policyId,
          policyVersion: head.metadata.policyVersion,
          schemaVersion: head.metadata.schemaVersion,
        },
      },
    ],
    head.revision,
  );
}

/**
 * The new store and documents into place, the old ones kept beside them; the derived files
 * (read models, subscribers' checkpoints) removed, to be made again from the new store.
 */
async function keepAside(dataDir: string, migrating: string): Promise<string | null> {
  const eventsFile = join(dataDir, DATA_DIR_ENTRIES.events);
  for (const suffix of SQLITE_SIDE_FILES) await rm(eventsFile + suffix, { force: true });
  await rename(eventsFile, eventsFile + KEPT_SUFFIX);
  await rename(migrating, eventsFile);
  for (const suffix of SQLITE_SIDE_FILES)
    if (await exists(migrating + suffix)) await rename(migrating + suffix, eventsFile + suffix);
  const documents = join(dataDir, DATA_DIR_ENTRIES.documents);
  const kept = (await exists(documents)) ? documents + KEPT_SUFFIX : null;
  if (kept) await rename(documents, kept);
  if (await exists(`${documents}.migrating`)) await rename(`${documents}.migrating`, documents);
  await rm(join(dataDir, DATA_DIR_ENTRIES.readModels), { recursive: true, force: true });
  await rm(join(dataDir, DATA_DIR_ENTRIES.checkpoints), { force: true });
  return kept;
}
