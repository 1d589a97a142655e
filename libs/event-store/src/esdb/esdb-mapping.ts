import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  TimeoutError,
  NO_STREAM,
  START as ESDB_START,
  StreamNotFoundError as EsdbStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  isCommandError,
  jsonEvent,
  streamNameFilter,
  type EventData,
  type Filter,
  type Position as EsdbPosition,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent } from '../event-envelope';
import {
  AppendTooLargeError,
  ConcurrencyError,
  EventStoreUnavailableError,
  StreamNotFoundError,
} from '../event-store.errors';
import { comparePositions, START, type Position } from '../position';
import { FeedEndedError } from './resubscribing.subscription';

/** Revisions are bigints on the wire; ours are numbers, exact up to 2^53. */
export function fromEsdbRevision(revision: bigint): number {
  if (revision > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`Revision ${revision} is beyond 2^53`);
  return Number(revision);
}

export const toEsdbPosition = (position: Position): ReadPosition =>
  comparePositions(position, START) === 0
    ? ESDB_START
    : { commit: position.commit, prepare: position.prepare };

export const fromEsdbPosition = (position: EsdbPosition): Position => ({
  commit: position.commit,
  prepare: position.prepare,
});

/** The client's errors, in the port's terms; anything unexpected is passed on unchanged. */
export function translateError(
  error: unknown,
  stream: string,
  expected?: ExpectedRevision,
): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual =
      error.actualVersion === NO_STREAM
        ? 'no-stream'
        : fromEsdbRevision(error.actualVersion as bigint);
    return new ConcurrencyError(stream, expected ?? 'any', actual);
  }
  if (error instanceof EsdbStreamNotFoundError || error instanceof StreamDeletedError)
    return new StreamNotFoundError(stream);
  if (error instanceof MaxAppendSizeExceededError)
    return new AppendTooLargeError(stream, error.maxAppendSize);
  if (UNAVAILABLE.some((kind) => error instanceof kind)) {
    return new EventStoreUnavailableError(
      `EventStoreDB could not serve ${stream}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return error;
}

/**
 * The client's errors that mean the store cannot serve the call now: down, too slow, a
 * follower (this client does not follow the leader by itself), or refusing the configured
 * user. The original stays as the cause, to tell the lasting ones apart.
 */
const UNAVAILABLE = [
  UnavailableError,
  DeadlineExceededError,
  TimeoutError,
  CancelledError,
  NotLeaderError,
  AccessDeniedError,
];

/**
 * Whether resubscribing may mend a dropped subscription: the server or the network failed
 * (down, a follower, restarting, the feed cut off). Refused rights do not mend by
 * themselves, and an error of our own code would recur at the same event.
 */
export function isPassingDrop(error: unknown): boolean {
  if (error instanceof FeedEndedError) return true;
  const cause = error instanceof EventStoreUnavailableError ? error.cause : error;
  return cause instanceof Error && isCommandError(cause) && !(cause instanceof AccessDeniedError);
}

/** Server-side filter for a category's streams (`clfcase-…`), or all non-system events. */
export const categoryFilter = (category?: string): Filter =>
  category ? streamNameFilter({ prefixes: [`${category}-`] }) : excludeSystemEvents();

export const inCategory = (stream: string, category?: string): boolean =>
  !stream.startsWith('$') && (category === undefined || stream.startsWith(`${category}-`));

/** What we keep in an EventStoreDB event's metadata: the port's metadata plus the envelope. */
export interface StoredMetadata extends EventMetadata {
  occurredAt: string;
  recordedAt: string;
  prevHash: string | null;
  hash: string;
}

export function toEventData(
  event: NewEvent,
  envelope: { recordedAt: string; prevHash: string | null; hash: string },
): EventData {
  const metadata: StoredMetadata = { ...event.metadata, occurredAt: event.occurredAt, ...envelope };
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: metadata as unknown as Record<string, unknown>,
  });
}

/** A resolved event as the port's RecordedEvent; null for what is not ours (system or link events). */
export function fromResolvedEvent(resolved: ResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (!event || !event.isJson || event.type.startsWith('$')) return null;
  // Written by something other than this adapter (no envelope): not one of ours.
  const stored = event.metadata as Partial<StoredMetadata> | undefined;
  if (!stored || typeof stored !== 'object' || typeof stored.hash !== 'string') return null;
  const { occurredAt, recordedAt, prevHash, hash, ...metadata } =
    event.metadata as unknown as StoredMetadata;
  const position = event.position
    ? fromEsdbPosition(event.position)
    : resolved.commitPosition !== undefined
      ? { commit: resolved.commitPosition, prepare: resolved.commitPosition }
      : START;
  return {
    id: event.id,
    stream: event.streamId,
    revision: fromEsdbRevision(event.revision),
    position,
    type: event.type,
    data: event.data,
    occurredAt,
    recordedAt,
    metadata,
    prevHash,
    hash,
  };
}
