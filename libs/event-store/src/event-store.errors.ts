import type { ExpectedRevision } from './event-envelope';

/** The stream was not where the appender expected: someone else wrote first. */
export class ConcurrencyError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or 'no-stream'. */
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${stream}: expected ${String(expected)}, found ${String(actual)}`);
    this.name = 'ConcurrencyError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly stream: string) {
    super(`Stream ${stream} does not exist`);
    this.name = 'StreamNotFoundError';
  }
}

/** A retried append whose event ids match only part of what was stored: not a retry. */
export class EventIdConflictError extends Error {
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(
      `Event ${eventId} is already stored, but the append does not repeat the original one on ${stream}`,
    );
    this.name = 'EventIdConflictError';
  }
}

/** The store refused an append as larger than it takes at once (EventStoreDB: 1 MiB by default). */
export class AppendTooLargeError extends Error {
  constructor(
    readonly stream: string,
    readonly limitBytes: number,
  ) {
    super(
      `The append to ${stream} is larger than the event store takes at once (${limitBytes} bytes)`,
    );
    this.name = 'AppendTooLargeError';
  }
}

/** The store could not be reached or answered with a failure not covered above. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
