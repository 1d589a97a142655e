import type { Position } from './position';

export interface EventActor {
  id: string;
  name?: string;
  roles?: readonly string[];
}

/** What every event carries besides its data (docs/architecture.md, "The record itself"). */
export interface EventMetadata {
  /** The server's id of the request (or job run) that caused the event. */
  correlationId: string;
  causationId: string;
  /** The caller's own request id, as it sent it: for matching its logs, never trusted as ours. */
  clientRequestId?: string;
  actor: EventActor;
  policyId: string;
  policyVersion: string;
  schemaVersion: number;
  /** On a command sent with an `Idempotency-Key`: the key and a hash of the request, to tell a retry from a reuse. */
  idempotency?: { key: string; requestHash: string };
}

/** An event to append. `id` makes a retried append a no-op rather than a duplicate. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  /** Business time, ISO-8601 UTC. */
  occurredAt: string;
  metadata: EventMetadata;
}

/** An event as stored: its place in its stream and in the global order, and its link in the hash chain. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<
  Type,
  Data
> {
  stream: string;
  /** 0 for a stream's first event. */
  revision: number;
  position: Position;
  /** Server time when stored, ISO-8601 UTC. */
  recordedAt: string;
  prevHash: string | null;
  hash: string;
  /**
   * Set when the event's personal data could not be read: its case's key was erased, or is
   * missing though nothing erased it (a fault). The fields then hold a marker in its place.
   */
  personalData?: 'erased' | 'unreadable';
}

const STORED_DATA = Symbol('data as stored');

/**
 * The event as a layer above the store changed it on the way out (decrypted), still knowing
 * its data as stored: what its hash covers. Kept in a property that is not enumerable, so it
 * is never serialised, compared, or copied into another event by a spread.
 */
export function withStoredData<E extends RecordedEvent>(event: E, stored: unknown): E {
  return Object.defineProperty(event, STORED_DATA, { value: stored });
}

/** The data its hash covers: as stored, though a layer above the store changed it on the way out. */
export const storedDataOf = (event: RecordedEvent): unknown =>
  STORED_DATA in event ? (event as { [STORED_DATA]?: unknown })[STORED_DATA] : event.data;

/**
 * What the appender believes about the stream: it must not exist, may be anything,
 * must exist, or its last event must be at exactly this revision.
 */
export type ExpectedRevision = 'no-stream' | 'any' | 'stream-exists' | number;

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  nextRevision: number;
  /** The position of the last event appended. */
  position: Position;
}

/** A stream's category is the part of its name before the first `-` (`clfcase-<uuid>` → `clfcase`). */
export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}

/** Whether a stream whose last revision is `actual` meets the appender's expectation. */
export function revisionMatches(expected: ExpectedRevision, actual: number | 'no-stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return actual === 'no-stream';
    case 'stream-exists':
      return actual !== 'no-stream';
    default:
      return actual === expected;
  }
}
