import { emailsInWords } from '../rendering/vocabulary';
import type { MailQueueState, QueuedEmail } from '../../correspondence/mail-queue';

function row(email: QueuedEmail, references: ReadonlyMap<string, string>) {
  return {
    letterId: email.letterId,
    reference: references.get(email.caseId) ?? null,
    queuedAt: email.queuedAt,
    failedAt: email.failedAt,
    attempts: email.attempts,
  };
}

/**
 * The outbox page for administrators: counts, and each e-mail's letter id and case reference —
 * never whom it is to or what it says, which only people who may see the case may read.
 */
export function outboxView(
  queue: MailQueueState,
  references: ReadonlyMap<string, string>,
  sending: boolean,
) {
  return {
    sending,
    counts: {
      waiting: emailsInWords(queue.waiting.length),
      failed: emailsInWords(queue.failed.length),
    },
    waiting: queue.waiting.map((email) => row(email, references)),
    failed: queue.failed.map((email) => row(email, references)),
  };
}
