import type { CaseEvent, CorrespondenceSent, EmailDelivery, Instant } from '#domain';

/** A letter as `GET /cases/:id/letters` gives it: what was sent, and what became of its e-mail. */
export interface LetterRecord extends Omit<CorrespondenceSent['data'], 'documentId'> {
  sentAt: Instant;
  /** The printed letter kept with the case, when it went by post. */
  documentId: string | null;
  email: {
    state: EmailDelivery;
    messageId: string | null;
    deliveredAt: Instant | null;
    failure: { reason: string; attempts: number } | null;
  };
}

function sent({ occurredAt, data }: CorrespondenceSent): LetterRecord {
  return {
    letterId: data.letterId,
    sentAt: occurredAt,
    template: data.template,
    channels: data.channels,
    addressedTo: data.addressedTo,
    to: data.to,
    subject: data.subject,
    body: data.body,
    documentId: data.documentId ?? null,
    email: {
      state: data.channels.includes('email') ? 'waiting' : 'not-emailed',
      messageId: null,
      deliveredAt: null,
      failure: null,
    },
  };
}

/** The case's letters, oldest first, told from its events. */
export function lettersOf(events: readonly CaseEvent[]): LetterRecord[] {
  const letters = new Map<string, LetterRecord>();
  const update = (id: string, email: Partial<LetterRecord['email']>) => {
    const letter = letters.get(id);
    if (letter) letters.set(id, { ...letter, email: { ...letter.email, ...email } });
  };
  for (const event of events) {
    if (event.type === 'CorrespondenceSent') letters.set(event.data.letterId, sent(event));
    if (event.type === 'EmailDelivered') {
      const { letterId, messageId, at } = event.data;
      update(letterId, { state: 'delivered', messageId, deliveredAt: at });
    }
    if (event.type === 'EmailFailed') {
      const { letterId, reason, attempts } = event.data;
      update(letterId, { state: 'failed', failure: { reason, attempts } });
    }
  }
  return [...letters.values()];
}
