import { createHash } from 'node:crypto';
import type { Clock } from '#event-store';
import type { StaffNotificationKind, StaffNotificationLog } from '#scheduling';
import type { MailTransport } from '../correspondence/mail-transport';
import type { StaffNotice } from './staff-notices';

/** What a run of the `reminders` or `digest` job sent. */
export interface NotificationRunReport {
  job: string;
  startedAt: string;
  finishedAt: string;
  /** Notices due now, whether sent by this run or before it. */
  due: number;
  /** Sent by this run, by kind. */
  sent: Partial<Record<StaffNotificationKind, number>>;
  /** Sent (or being sent) before, by an earlier run or another server. */
  alreadySent: number;
  /** The mail server did not take them; the next run tries again. */
  failed: number;
  /** Why nothing was sent at all (no mail server configured), or why the run stopped early. */
  stoppedEarly: string | null;
  /** Why nothing is due yet, when that is as it should be (the digest before 7am). */
  notYet: string | null;
}

/** A run's report before it has sent anything. */
export const emptyRunReport = (job: string, startedAt: string): NotificationRunReport => ({
  job,
  startedAt,
  finishedAt: startedAt,
  due: 0,
  sent: {},
  alreadySent: 0,
  failed: 0,
  stoppedEarly: null,
  notYet: null,
});

export interface NotifierParts {
  log: StaffNotificationLog;
  transport: MailTransport;
  clock: Clock;
  settings: { from: string; host: string };
}

/** A Message-ID from the notice's id: a resend is recognisably the same message. */
const messageIdOf = (noticeId: string, host: string) =>
  `<${createHash('sha256').update(noticeId).digest('hex').slice(0, 32)}@${host}>`;

/**
 * Sends each notice once: claims it in the log (insert if absent) before sending, so a
 * second run or a second server finds it claimed and sends nothing; marks it sent after,
 * and gives the claim up if the server refused so the next run tries again.
 */
export async function sendOnce(
  notices: readonly StaffNotice[],
  parts: NotifierParts,
  report: NotificationRunReport,
  mayGoOn: () => string | null,
): Promise<void> {
  report.due += notices.length;
  for (const notice of notices) {
    report.stoppedEarly ??= mayGoOn();
    if (report.stoppedEarly !== null) return;
    const claimed = await parts.log.claim({
      id: notice.id,
      kind: notice.kind,
      caseId: notice.caseId,
      recipientId: notice.to.id,
      email: notice.to.email,
      claimedAt: parts.clock().toISOString(),
    });
    if (!claimed) {
      report.alreadySent += 1;
      continue;
    }
    try {
      await parts.transport.send({
        from: parts.settings.from,
        to: { name: notice.to.name, address: notice.to.email },
        subject: notice.subject,
        text: notice.text,
        messageId: messageIdOf(notice.id, parts.settings.host),
      });
    } catch {
      await parts.log.release(notice.id);
      report.failed += 1;
      continue;
    }
    await parts.log.markSent(notice.id, parts.clock());
    report.sent[notice.kind] = (report.sent[notice.kind] ?? 0) + 1;
  }
}
