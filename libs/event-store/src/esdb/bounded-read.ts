import type { StreamingRead } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';

/** How long one read may take: the client gives reads no deadline of their own. */
export const READ_DEADLINE_MS = 30_000;

/** A fresh signal for each read, aborted when the read has taken too long. */
export type ReadDeadline = () => AbortSignal;

export const readDeadlineOf =
  (ms: number): ReadDeadline =>
  () =>
    AbortSignal.timeout(ms);

/**
 * A read's events, ending the gRPC call whichever way the caller leaves: leaving the loop
 * early only stops the client's Node stream, while the call stays open on the server and
 * holds one of the connection's (about 100) concurrent streams until cancelled. A read still
 * running when `deadline` aborts is cancelled and fails as the store being unavailable.
 */
export async function* boundedRead<E>(
  read: StreamingRead<E>,
  deadline: AbortSignal,
): AsyncGenerator<E> {
  const giveUp = () =>
    read.destroy(new EventStoreUnavailableError('EventStoreDB did not finish a read in time'));
  if (deadline.aborted) giveUp();
  deadline.addEventListener('abort', giveUp);
  let finished = false;
  try {
    for await (const item of read) yield item as E;
    finished = true;
  } finally {
    deadline.removeEventListener('abort', giveUp);
    // A call that never started has nothing to cancel; the error that ended it is already on its way.
    if (!finished) await read.cancel().catch(() => undefined);
  }
}
