import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staffNotificationLogContract } from '../testing/staff-notification-log.contract';
import { SqliteStaffNotificationLog } from './sqlite-staff-notification-log';

const aFile = () => join(mkdtempSync(join(tmpdir(), 'clf-notifications-')), 'notifications.db');

describe('SqliteStaffNotificationLog (contract)', () => {
  staffNotificationLogContract(async () => new SqliteStaffNotificationLog(aFile()));
});

describe('SqliteStaffNotificationLog', () => {
  it('keeps what was claimed across a restart', async () => {
    const file = aFile();
    const before = new SqliteStaffNotificationLog(file);
    const record = {
      id: 'n-1',
      kind: 'digest' as const,
      caseId: null,
      recipientId: 'p-1',
      email: 'p1@example.ac.uk',
      claimedAt: '2026-12-07T07:00:00.000Z',
    };
    await before.claim(record);
    await before.close();
    const after = new SqliteStaffNotificationLog(file);
    expect(await after.claim(record)).toBe(false);
    await after.close();
  });
});
