import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERASED_TEXT } from '#domain';
import { WrongMasterKeyError } from '#personal-data';
import { restoreBackup } from '../apps/cli/src/backup/restore-backup';
import { takeBackup } from '../apps/cli/src/backup/take-backup';
import { loadConfig } from '../apps/api/src/config/app-config';
import { createApp } from '../apps/api/src/create-app';
import { complaint, person, SECRET, startTestApp } from './support/test-app';

const staff = person('u-ann', 'staff');

/** Every file under a folder, as bytes. */
const filesUnder = (root: string): Buffer[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)));

describe('personal data encrypted with each case’s own key', () => {
  it('keeps names, contact details, accounts and documents out of the stored files, and shows them to staff', async () => {
    const t = await startTestApp();
    try {
      const caseId = await t.recordCase(
        staff,
        complaint({
          summary: 'Priya Shah says her assessor never turned up',
          complainant: { name: 'Priya Shah', email: 'priya.shah@example.org', role: 'learner' },
        }),
      );
      const uploaded = await t.http
        .post(`/api/v1/cases/${caseId}/documents`)
        .set(await t.auth(staff))
        .attach('file', Buffer.from('Statement from Priya Shah about her assessor'), {
          filename: 'statement-priya-shah.txt',
          contentType: 'text/plain',
        });
      expect(uploaded.status).toBe(200);
      const [document] = uploaded.body.case.documents;
      expect(document).not.toHaveProperty('storedAs');

      const detail = await t.http.get(`/api/v1/cases/${caseId}`).set(await t.auth(staff));
      expect(detail.body).toMatchObject({
        summary: 'Priya Shah says her assessor never turned up',
        complainant: { name: 'Priya Shah', email: 'priya.shah@example.org' },
      });
      const file = await t.http
        .get(`/api/v1/cases/${caseId}/documents/${document.id}`)
        .set(await t.auth(staff));
      expect(file.text).toBe('Statement from Priya Shah about her assessor');
      const verified = await t.http
        .get(`/api/v1/cases/${caseId}/history/verify`)
        .set(await t.auth(person('u-avery', 'auditor')));
      expect(verified.body).toMatchObject({ valid: true });

      await t.close();
      const stored = Buffer.concat([
        readFileSync(join(t.dataDir, 'events.db')),
        ...filesUnder(join(t.dataDir, 'documents')),
      ]);
      for (const secret of ['Priya Shah', 'priya.shah@example.org', 'statement-priya-shah'])
        expect(stored.includes(secret)).toBe(false);
    } finally {
      await t.close().catch(() => {});
    }
  });

  it('will not start with a master key other than the one the case keys were made with', async () => {
    const key = (byte: string) => byte.repeat(64);
    const t = await startTestApp({ env: { CLF_MASTER_KEY: key('a') } });
    await t.recordCase(staff);
    await t.close();
    const config = loadConfig({
      CLF_DATA_DIR: t.dataDir,
      CLF_JWT_SECRET: SECRET,
      CLF_MASTER_KEY: key('b'),
      LOG_LEVEL: 'silent',
    });
    await expect(createApp(config)).rejects.toThrow(WrongMasterKeyError);
    await expect(createApp(config)).rejects.toThrow('The master key does not open the case keys');
  });
});

describe('an erasure outlives a restore', () => {
  const dpo = person('u-dee', 'data-protection');
  const ops = person('u-olu', 'operations-manager');

  it('a backup taken before an erasure, restored after, does not bring the data back; the chain still verifies', async () => {
    const live = await startTestApp();
    const erased = await live.recordCase(
      staff,
      complaint({ complainant: { name: 'Zebedee Quill', role: 'learner' } }),
    );
    const kept = await live.recordCase(
      staff,
      complaint({ complainant: { name: 'Ada Lovelace', role: 'learner' } }),
    );
    const backup = join(mkdtempSync(join(tmpdir(), 'clf-backup-')), 'before-erasure');
    await takeBackup({ dataDir: live.dataDir, target: backup });
    const response = await live.http
      .post(`/api/v1/cases/${erased}/erase`)
      .set(await live.auth(dpo))
      .send({ reason: 'The person asked for erasure' });
    expect(response.status).toBe(200);
    await live.close();

    const restoredDir = join(mkdtempSync(join(tmpdir(), 'clf-restored-')), 'data');
    const report = await restoreBackup({ backup, dataDir: restoredDir });
    expect(report.erasedAgain).toEqual({ from: live.dataDir, cases: 1 });

    const restored = await startTestApp({ dataDir: restoredDir });
    try {
      const read = async (id: string) =>
        (await restored.http.get(`/api/v1/cases/${id}`).set(await restored.auth(ops))).body;
      expect((await read(erased)).complainant.name).toBe(ERASED_TEXT);
      expect((await read(kept)).complainant.name).toBe('Ada Lovelace');
      const verified = await restored.http
        .get(`/api/v1/cases/${erased}/history/verify`)
        .set(await restored.auth(person('u-avery', 'auditor')));
      expect(verified.body).toMatchObject({ valid: true });
    } finally {
      await restored.close();
    }
  });
});
