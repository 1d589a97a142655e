import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { UnsealedStoreError } from '#personal-data';
import { RecordedHistory } from '../libs/read-models/src/testing/recorded-history';
import { migrateCommand } from '../apps/cli/src/migrate/migrate-command';
import { loadConfig } from '../apps/api/src/config/app-config';
import { createApp } from '../apps/api/src/create-app';
import { person, SECRET, startTestApp } from './support/test-app';

const olu = person('u-olu', 'operations-manager');
const auditor = person('u-avery', 'auditor');

/** A data directory as CLF kept it before personal data was encrypted: events and documents in clear. */
async function storeMadeBeforeEncryption() {
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-old-store-'));
  const caseId = randomUUID();
  const content = Buffer.from('Statement from Ada Quartermaine about her fees');
  const sha256 = createHash('sha256').update(content).digest('hex');
  const folder = join(dataDir, 'documents', sha256.slice(0, 2), sha256.slice(2, 4));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, sha256), content);
  const history = new RecordedHistory();
  history.run(
    caseId,
    {
      type: 'ReceiveCase',
      actor: { id: 'u-ann', name: 'Ann', roles: ['staff'] },
      data: {
        caseId,
        reference: 'DMM-2026-00001',
        kind: 'complaint',
        channel: 'email',
        summary: 'Ada Quartermaine was charged twice',
        complainant: { name: 'Ada Quartermaine', email: 'ada.q@example.org', role: 'learner' },
        categories: ['fees'],
      },
    },
    '2026-11-02T09:00:00Z',
  );
  history.run(
    caseId,
    {
      type: 'AttachDocument',
      actor: { id: 'u-ann', name: 'Ann', roles: ['staff'] },
      data: {
        documentId: randomUUID(),
        filename: 'statement.txt',
        mediaType: 'text/plain',
        size: content.length,
        sha256,
      },
    },
    '2026-11-02T09:05:00Z',
  );
  let recordedAt = new Date();
  const store = new SqliteEventStore({
    filename: join(dataDir, 'events.db'),
    clock: () => recordedAt,
  });
  for (const event of history.events) {
    recordedAt = new Date(event.recordedAt);
    await store.append(
      event.stream,
      [
        {
          id: event.id,
          type: event.type,
          data: event.data,
          occurredAt: event.occurredAt,
          metadata: event.metadata,
        },
      ],
      event.revision === 0 ? 'no-stream' : event.revision - 1,
    );
  }
  const [, head] = await store.readStream(`clfcase-${caseId}`);
  await store.close();
  return { dataDir, caseId, content, oldHead: head };
}

function output() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      progress: process.stderr,
    },
  };
}

describe('npm run migrate: a store made before personal data was encrypted', () => {
  it('is refused by the server, naming the command; re-written, it reads as before, encrypted, with the old chain’s end on record', async () => {
    const { dataDir, caseId, content, oldHead } = await storeMadeBeforeEncryption();
    const config = loadConfig({
      CLF_DATA_DIR: dataDir,
      CLF_JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
    });
    await expect(createApp(config)).rejects.toThrow(UnsealedStoreError);
    await expect(createApp(config)).rejects.toThrow('npm run migrate');

    const first = output();
    expect(await migrateCommand(['--data-dir', dataDir], {}, first.io)).toBe(0);
    expect(first.out.join('\n')).toContain('Re-wrote 2 events of 1 case');
    expect(existsSync(join(dataDir, 'events.db.pre-encryption'))).toBe(true);
    expect(existsSync(join(dataDir, 'documents.pre-encryption'))).toBe(true);
    const again = output();
    expect(await migrateCommand(['--data-dir', dataDir], {}, again.io)).toBe(0);
    expect(again.out.join('\n')).toContain('nothing to do');

    const t = await startTestApp({ dataDir });
    try {
      const detail = await t.http.get(`/api/v1/cases/${caseId}`).set(await t.auth(olu));
      expect(detail.body).toMatchObject({
        reference: 'DMM-2026-00001',
        summary: 'Ada Quartermaine was charged twice',
        complainant: { name: 'Ada Quartermaine', email: 'ada.q@example.org' },
      });
      const [document] = detail.body.documents;
      const file = await t.http
        .get(`/api/v1/cases/${caseId}/documents/${document.id}`)
        .set(await t.auth(olu));
      expect(file.text).toBe(content.toString());
      const history = await t.http
        .get(`/api/v1/cases/${caseId}/history`)
        .set(await t.auth(auditor));
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
        'CaseReceived',
        'DocumentAttached',
        'CaseRecordMigrated',
      ]);
      expect(history.body.events[2].data).toMatchObject({
        previousHeadHash: oldHead.hash,
        previousHeadRevision: 1,
      });
      expect(history.body.events[0].recordedAt).toBe('2026-11-02T09:00:00.000Z');
      const verified = await t.http
        .get(`/api/v1/cases/${caseId}/history/verify`)
        .set(await t.auth(auditor));
      expect(verified.body).toMatchObject({ valid: true, events: 3 });
    } finally {
      await t.close();
    }
    expect(readFileSync(join(dataDir, 'events.db')).includes('Ada Quartermaine')).toBe(false);
  });
});
