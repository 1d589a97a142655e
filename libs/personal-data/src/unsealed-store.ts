import { CASE_CATEGORY } from '#domain';
import type { EventStore } from '#event-store';
import { holdsSealedData } from './sealed-event-store';

/** An event store made before personal data was sealed: it must be re-written first. */
export class UnsealedStoreError extends Error {
  constructor() {
    super(
      'This event store was made before personal data was encrypted. Stop the server and run `npm run migrate` (with the same CLF_DATA_DIR): it re-writes the store with each case’s personal data encrypted and keeps the old one beside it until you delete it.',
    );
    this.name = 'UnsealedStoreError';
  }
}

/** Whether the store's cases were recorded in clear: its first case's first event says (every case's first event holds a summary). */
export async function holdsUnsealedCases(stored: EventStore): Promise<boolean> {
  const [first] = await stored.readAll({ category: CASE_CATEGORY, maxCount: 1 });
  return first !== undefined && first.type === 'CaseReceived' && !holdsSealedData(first.data);
}

/** Throws UnsealedStoreError for a store made before personal data was sealed. */
export async function refuseUnsealedStore(stored: EventStore): Promise<void> {
  if (await holdsUnsealedCases(stored)) throw new UnsealedStoreError();
}
