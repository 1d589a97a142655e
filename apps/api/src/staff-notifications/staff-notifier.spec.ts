import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStaffNotificationLog } from '#scheduling';
import type { EmailMessage } from '../correspondence/email-message';
import type { StaffNotice } from './staff-notices';
import { emptyRunReport, sendOnce } from './staff-notifier';

const notice: StaffNotice = {
  id: 'deadline-reminder:c1:response:2:2026-12-08T23:59:59Z:sam',
  kind: 'deadline-reminder',
  caseId: 'c1',
  to: { id: 'sam', name: 'Sam', email: 'sam@dmm.example', roles: ['staff'], active: true },
  subject: 'DMM-1: response due soon',
  text: 'Dear Sam',
};

const aReport = () => emptyRunReport('reminders', '2026-12-07T09:00:00.000Z');

function parts(refuse = false) {
  const sent: EmailMessage[] = [];
  const log = new SqliteStaffNotificationLog(
    join(mkdtempSync(join(tmpdir(), 'clf-notifier-')), 'n.db'),
  );
  const transport = {
    send: async (message: EmailMessage) => {
      if (refuse) throw new Error('421 try later');
      sent.push(message);
    },
    close: () => undefined,
  };
  const clock = () => new Date('2026-12-07T09:00:00Z');
  return {
    sent,
    log,
    transport,
    clock,
    settings: { from: 'clf@dmm.example', host: 'clf.example' },
  };
}

describe('sending staff notices once', () => {
  it('sends a notice once, records when, and counts it as sent already the second time', async () => {
    const p = parts();
    const first = aReport();
    await sendOnce([notice], p, first, () => null);
    const second = aReport();
    await sendOnce([notice], p, second, () => null);
    expect(p.sent).toHaveLength(1);
    expect(p.sent[0]).toMatchObject({
      to: { address: 'sam@dmm.example' },
      subject: notice.subject,
    });
    expect(p.sent[0].messageId).toMatch(/^<[0-9a-f]{32}@clf\.example>$/);
    expect(first).toMatchObject({ due: 1, sent: { 'deadline-reminder': 1 } });
    expect(second).toMatchObject({ due: 1, sent: {}, alreadySent: 1 });
    expect((await p.log.recent(5))[0].sentAt).toBe('2026-12-07T09:00:00.000Z');
    await p.log.close();
  });

  it('gives the claim up when the mail server refuses, so the next run tries again', async () => {
    const p = parts(true);
    const report = aReport();
    await sendOnce([notice], p, report, () => null);
    expect(report.failed).toBe(1);
    expect(await p.log.recent(5)).toEqual([]);
    await p.log.close();
  });

  it('stops, claiming nothing more, when the run may not go on', async () => {
    const p = parts();
    const report = aReport();
    await sendOnce([notice], p, report, () => 'the lease was lost');
    expect(report.stoppedEarly).toBe('the lease was lost');
    expect(p.sent).toEqual([]);
    await p.log.close();
  });
});
