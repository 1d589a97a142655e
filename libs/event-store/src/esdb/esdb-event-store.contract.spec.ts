import { eventStoreContract } from '../testing/event-store.contract';
import { referenceAllocatorContract } from '../testing/reference-allocator.contract';
import { describeWithServer } from '../testing/describe-with-server';
import { CounterStreamReferenceAllocator } from '../reference/counter-stream-reference-allocator';
import { EsdbEventStore } from './esdb-event-store';

describeWithServer(
  'EVENTSTORE_CONNECTION_STRING',
  'EsdbEventStore (contract)',
  (connectionString) => {
    eventStoreContract(async (clock) => {
      const store = new EsdbEventStore({ connectionString, clock });
      return {
        store,
        reopen: async () => new EsdbEventStore({ connectionString, clock }),
        // Events cannot be edited in EventStoreDB; hiding history is the tampering it allows.
        tamper: async (stream, revision) => {
          await store.rawClient.setStreamMetadata(stream, { truncateBefore: revision });
        },
      };
    });

    describe('CounterStreamReferenceAllocator on EventStoreDB', () => {
      referenceAllocatorContract(async () => {
        const store = new EsdbEventStore({ connectionString });
        return {
          allocator: new CounterStreamReferenceAllocator(store),
          close: () => store.close(),
        };
      });
    });
  },
);
