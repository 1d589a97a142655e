import { CASE_CATEGORY, caseIdOf, type Instant } from '#domain';
import { START, type EventStore, type Position, type RecordedEvent } from '#event-store';
import type { ReadModelWriter } from '#read-models';

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

/** Reads the events in pages of this many, so a large store is not read in one go. */
const PAGE = 1_000;

/** Applies one event to the outbox: only letters sent by e-mail and their fates count. */
export function queueEvent(queue: Map<string, QueuedEmail>, event: RecordedEvent): void {
  const data = event.data as { letterId?: string; channels?: string[]; attempts?: number };
  if (event.type === 'CorrespondenceSent' && data.channels?.includes('email')) {
    queue.set(data.letterId!, {
      letterId: data.letterId!,
      caseId: caseIdOf(event.stream),
      queuedAt: event.occurredAt,
      failedAt: null,
      attempts: null,
    });
  }
  if (event.type === 'EmailDelivered') queue.delete(data.letterId!);
  if (event.type === 'EmailFailed') {
    const queued = queue.get(data.letterId!);
    if (queued)
      queue.set(data.letterId!, {
        ...queued,
        failedAt: event.occurredAt,
        attempts: data.attempts ?? null,
      });
  }
}

/**
 * The outbox told from the events (they are the outbox), for the console: the e-mails still
 * waiting and those that failed. It follows the event store from where it last read, so each
 * look reads only the events since — with any store, embedded or distributed.
 */
export class MailQueue {
  private readonly queue = new Map<string, QueuedEmail>();
  private position: Position = START;
  private reading: Promise<void> | null = null;

  constructor(private readonly events: EventStore) {}

  async current(): Promise<MailQueueState> {
    // Two pages at once share one read, so no event is applied twice.
    this.reading ??= this.readOn().finally(() => (this.reading = null));
    await this.reading;
    const all = [...this.queue.values()].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    return {
      waiting: all.filter((email) => email.failedAt === null),
      failed: all.filter((email) => email.failedAt !== null),
    };
  }

  private async readOn(): Promise<void> {
    for (;;) {
      const page = await this.events.readAll({
        after: this.position,
        category: CASE_CATEGORY,
        maxCount: PAGE,
      });
      for (const event of page) queueEvent(this.queue, event);
      if (page.length > 0) this.position = page[page.length - 1]!.position;
      if (page.length < PAGE) return;
    }
  }
}

/** The references of the cases whose e-mails the outbox holds, from the read models. */
export async function queuedCaseReferences(
  queue: MailQueueState,
  store: Pick<ReadModelWriter, 'load'>,
): Promise<Map<string, string>> {
  const caseIds = [...new Set([...queue.waiting, ...queue.failed].map((email) => email.caseId))];
  const stored = caseIds.length ? await store.load(caseIds) : new Map();
  return new Map([...stored].map(([id, record]) => [id, record.state.reference as string]));
}
