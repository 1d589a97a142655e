import type { Case, Instant } from '#domain';
import { heldByOutbox, type DueWork, type ReadSide } from '#read-models';

/** An e-mail the outbox still holds: waiting to go, or given up on after its last try. */
export interface QueuedEmail {
  letterId: string;
  caseId: string;
  /** When the letter was sent, i.e. when its e-mail entered the outbox. */
  queuedAt: Instant;
  /** Set once it failed. */
  failedAt: Instant | null;
  attempts: number | null;
}

/** The outbox at a glance: oldest first. */
export interface MailQueueState {
  waiting: QueuedEmail[];
  failed: QueuedEmail[];
}

/** The outbox as read, with the references of the cases it names (case id → reference). */
export interface MailQueueContents extends MailQueueState {
  references: Map<string, string>;
}

/** Cases are read in pages of this many. */
const PAGE = 500;
/** Later than any instant: the outbox index is asked for every case it holds. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/** The e-mails of one case that the outbox holds. */
export function queuedEmailsOf(state: Case): QueuedEmail[] {
  return heldByOutbox(state.letters).map((letter) => ({
    letterId: letter.id,
    caseId: state.id,
    queuedAt: letter.sentAt,
    failedAt: letter.failure?.at ?? null,
    attempts: letter.failure?.attempts ?? null,
  }));
}

/**
 * The outbox as the console shows it, from the read models: the cases the index names as
 * holding an e-mail (waiting, or failed), and those cases' letters — no other case is read.
 */
export class MailQueue {
  constructor(private readonly projections: Pick<ReadSide, 'store'>) {}

  async current(): Promise<MailQueueContents> {
    const store = this.projections.store();
    const emails: QueuedEmail[] = [];
    const references = new Map<string, string>();
    for (let after: DueWork | undefined; ;) {
      const page = await store.dueWork('outbox', END_OF_TIME, { limit: PAGE, after });
      const records = page.length ? await store.load(page.map((work) => work.caseId)) : new Map();
      for (const { state } of records.values()) {
        references.set(state.id, state.reference);
        emails.push(...queuedEmailsOf(state));
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1];
    }
    emails.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    return {
      waiting: emails.filter((email) => email.failedAt === null),
      failed: emails.filter((email) => email.failedAt !== null),
      references,
    };
  }
}
