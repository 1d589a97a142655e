import type { QueuedEmail } from '../mail-queue';

/** What every event in the outbox's specs carries besides its data. */
export const EVENT_METADATA = {
  correlationId: 'c',
  causationId: 'c',
  actor: { id: 'u-olive' },
  policyId: 'dmm',
  policyVersion: '1',
  schemaVersion: 1,
};

/** An e-mail in the outbox, sent to it on 1 Dec 2026; failed after five tries when `failedAt` is given. */
export const queuedEmail = (
  letterId: string,
  caseId: string,
  failedAt: string | null = null,
): QueuedEmail => ({
  letterId,
  caseId,
  queuedAt: '2026-12-01T09:00:00Z',
  failedAt,
  attempts: failedAt ? 5 : null,
});
