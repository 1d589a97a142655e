import { STORAGE, type Storage } from '../apps/api/src/storage/storage';
import type { StaffNotificationRecord } from '#scheduling';
import { backedUpAndRestored } from './support/backup';
import { startTestApp } from './support/test-app';

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
    const { manifest, dataDir } = await backedUpAndRestored(before);
    expect(manifest.files.map((file) => file.path)).toContain('staff-notifications.db');
    expect(manifest.leftOut.join(' ')).toContain('checkpoints.db');

    const after = await startTestApp({ dataDir });
    try {
      const again = after.app.get<Storage>(STORAGE).staffNotifications;
      expect(await again.claim(reminder)).toBe(false);
    } finally {
      await after.close();
    }
  });
});
