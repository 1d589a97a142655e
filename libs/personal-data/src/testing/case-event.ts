import { randomUUID } from 'node:crypto';
import type { NewEvent } from '#event-store';

/** An event to append, for the personal-data specs: a fresh id, a fixed time, a member of staff acting. */
export const caseEvent = (type: string, data: unknown): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  occurredAt: '2026-12-01T09:00:00.000Z',
  metadata: {
    correlationId: 'c',
    causationId: 'c',
    actor: { id: 'u-ann', name: 'Ann Lee', roles: ['staff'] },
    policyId: 'dmm',
    policyVersion: '1',
    schemaVersion: 1,
  },
});
