import {
  ConcurrencyError,
  StreamNotFoundError,
  type EventStore,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '#event-store';
import {
  foldCase,
  scheduledJobOf,
  systemActor,
  type CaseEvent,
  type CaseState,
  type Policy,
} from '#domain';
import type { RequestContext } from '../http/request-context';
import { randomUUID } from 'node:crypto';

/** One stream per case (DESIGN §3). */
export const CASE_CATEGORY = 'clfcase';
export const caseStream = (id: string) => `${CASE_CATEGORY}-${id}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Case ids are lower-case UUIDs; anything else names no case (and reads nothing). */
export const isCaseId = (id: string) => UUID.test(id);

export interface LoadedCase {
  state: CaseState;
  /** The revision of the last event, or null when there is no such case. */
  revision: number | null;
  events: RecordedEvent[];
}

const NO_CASE: LoadedCase = { state: null, revision: null, events: [] };

export async function loadCase(store: EventStore, id: string): Promise<LoadedCase> {
  if (!isCaseId(id)) return NO_CASE;
  try {
    const events = await store.readStream(caseStream(id));
    return {
      state: foldCase(events as unknown as CaseEvent[]),
      revision: events[events.length - 1].revision,
      events,
    };
  } catch (error) {
    if (error instanceof StreamNotFoundError) return NO_CASE;
    throw error;
  }
}

/** The API's `position`: the global commit position, as a JSON number. */
export const apiPosition = (position: Position) => Number(position.commit);

export interface EnvelopeOptions {
  context: RequestContext;
  /** This command's own id: what caused the events. */
  commandId: string;
  policy: Policy;
  idempotency?: { key: string; requestHash: string };
}

export function envelope(events: CaseEvent[], options: EnvelopeOptions): NewEvent[] {
  const { actor, correlationId, clientRequestId } = options.context;
  return events.map((event) => {
    // Work a job would have done, recorded first by a person's command, is the system's.
    const job = scheduledJobOf(event);
    const by = job ? systemActor(job) : actor;
    return {
      id: randomUUID(),
      type: event.type,
      data: event.data,
      occurredAt: event.occurredAt,
      metadata: {
        correlationId,
        causationId: options.commandId,
        actor: { id: by.id, name: by.name, roles: by.roles },
        policyId: options.policy.id,
        policyVersion: options.policy.version,
        schemaVersion: 1,
        ...(clientRequestId ? { clientRequestId } : {}),
        ...(options.idempotency ? { idempotency: options.idempotency } : {}),
      },
    };
  });
}

export const isConcurrencyError = (error: unknown): error is ConcurrencyError =>
  error instanceof ConcurrencyError;
