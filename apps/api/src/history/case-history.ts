import type { RecordedEvent } from '#event-store';
import { caseDetail } from '../cases/case-detail.response';
import { apiPosition, type VisibleCase } from '../cases/case-stream';
import { caseAsOf } from './case-as-of';

const entry = (event: RecordedEvent) => ({
  revision: event.revision,
  position: apiPosition(event.position),
  type: event.type,
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
  actor: event.metadata.actor,
  correlationId: event.metadata.correlationId,
  ...(event.metadata.clientRequestId ? { clientRequestId: event.metadata.clientRequestId } : {}),
  causationId: event.metadata.causationId,
  data: event.data,
  prevHash: event.prevHash,
  hash: event.hash,
});

/**
 * A case's audit trail as `GET /cases/:id/history` answers it (and a subject access export
 * keeps it): every event with its metadata and hashes, and the case they make; with
 * `asOf` (an ISO instant), only what the system had recorded by then.
 */
export function caseHistory({ state, events, integrity }: VisibleCase, asOf?: string) {
  const { known, state: then } = asOf ? caseAsOf(events, asOf) : { known: events, state };
  return {
    id: state.id,
    reference: state.reference,
    asOf: asOf ?? null,
    // Of the whole trail as stored now, with or without asOf.
    integrity,
    events: known.map(entry),
    state: then && caseDetail(then, known[known.length - 1].revision, integrity),
  };
}
