import type { StaffNotificationLog } from '../staff-notification-log.port';

const reminder = {
  id: 'case-1:response:2:deadline-reminder:p-1',
  kind: 'deadline-reminder' as const,
  caseId: 'case-1',
  recipientId: 'p-1',
  email: 'p1@example.ac.uk',
  claimedAt: '2026-12-07T09:00:00.000Z',
};

/** What every notification log must do: the same suite runs on SQLite and, given a server, MongoDB. */
export function staffNotificationLogContract(open: () => Promise<StaffNotificationLog>): void {
  let log: StaffNotificationLog;
  beforeEach(async () => (log = await open()));
  afterEach(() => log.close());

  it('lets one caller claim a notification, however many try at once', async () => {
    const claims = await Promise.all([log.claim(reminder), log.claim(reminder)]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await log.claim(reminder)).toBe(false);
  });

  it('records when it was sent', async () => {
    await log.claim(reminder);
    await log.markSent(reminder.id, new Date('2026-12-07T09:00:05Z'));
    expect(await log.recent(10)).toEqual([{ ...reminder, sentAt: '2026-12-07T09:00:05.000Z' }]);
  });

  it('can be claimed again once given up', async () => {
    await log.claim(reminder);
    await log.release(reminder.id);
    expect(await log.recent(10)).toEqual([]);
    expect(await log.claim(reminder)).toBe(true);
  });

  it('gives the newest first', async () => {
    await log.claim(reminder);
    await log.claim({ ...reminder, id: 'later', claimedAt: '2026-12-08T09:00:00.000Z' });
    expect((await log.recent(1)).map((r) => r.id)).toEqual(['later']);
  });
}
