import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreBackup } from '../apps/cli/src/backup/restore-backup';
import { takeBackup } from '../apps/cli/src/backup/take-backup';
import { STORAGE, type Storage } from '../apps/api/src/storage/storage';
import type { StaffNotificationRecord } from '#scheduling';
import { startTestApp } from './support/test-app';

const scratch = () => mkdtempSync(join(tmpdir(), 'clf-backup-'));

const reminder = {
  id: 'reminder:case-1:response:1:u-ann',
  kind: 'deadline-reminder',
  caseId: 'case-1',
  recipientId: 'u-ann',
  email: 'ann@dmm.example',
  claimedAt: '2026-12-01T08:00:00.000Z',
} satisfies Omit<StaffNotificationRecord, 'sentAt'>;

describe('backing up and restoring the staff notification log', () => {
  it('brings back which reminders went, so a restored server does not send them again', async () => {
    const before = await startTestApp();
    const log = before.app.get<Storage>(STORAGE).staffNotifications;
    expect(await log.claim(reminder)).toBe(true);
    await log.markSent(reminder.id, new Date('2026-12-01T08:00:01Z'));
    const backup = join(scratch(), 'backup');
    const manifest = await takeBackup({ dataDir: before.dataDir, target: backup });
    await before.close();
    expect(manifest.files.map((file) => file.path)).toContain('staff-notifications.db');
    expect(manifest.leftOut.join(' ')).toContain('checkpoints.db');

    const restored = join(scratch(), 'data');
    await restoreBackup({ backup, dataDir: restored });
    const after = await startTestApp({ dataDir: restored });
    try {
      const again = after.app.get<Storage>(STORAGE).staffNotifications;
      expect(await again.claim(reminder)).toBe(false);
    } finally {
      await after.close();
    }
  });
});
