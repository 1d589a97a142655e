import { eventStoreContract, newEvent } from '../testing/event-store.contract';
import { referenceAllocatorContract } from '../testing/reference-allocator.contract';
import { status } from '@grpc/grpc-js';
import {
  CounterStreamReferenceAllocator,
  ReferenceAllocationError,
} from '../reference/counter-stream-reference-allocator';
import {
  ConcurrencyError,
  EventStoreUnavailableError,
  StreamNotFoundError,
} from '../event-store.errors';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbClient } from './testing/fake-esdb-client';
import { EsdbStandInServer } from './testing/esdb-stand-in-server';

const storeOn = (fake: FakeEsdbClient, clock?: () => Date) =>
  new EsdbEventStore({
    connectionString: 'esdb://fake',
    client: fake.asClient(),
    ...(clock ? { clock } : {}),
  });

describe('EsdbEventStore against an in-memory EventStoreDB (contract)', () => {
  eventStoreContract(async (clock) => {
    const fake = new FakeEsdbClient();
    return {
      store: storeOn(fake, clock),
      reopen: async () => storeOn(fake, clock),
      tamper: async (stream, revision) => fake.tamper(stream, revision),
    };
  });
});

describe('EsdbEventStore with the real client against a gRPC stand-in node (contract)', () => {
  // Ten thousand events through gRPC and protobuf on a shared machine take longer than the default.
  jest.setTimeout(60_000);
  const nodes: EsdbStandInServer[] = [];
  afterAll(() => Promise.all(nodes.map((node) => node.stop())));
  eventStoreContract(async (clock) => {
    const node = await EsdbStandInServer.start();
    nodes.push(node);
    const open = async () => new EsdbEventStore({ connectionString: node.connectionString, clock });
    return {
      store: await open(),
      reopen: open,
      tamper: async (stream, revision) => node.tamper(stream, revision),
    };
  });
});

describe('CounterStreamReferenceAllocator on the EventStoreDB adapter (contract)', () => {
  referenceAllocatorContract(async () => {
    const store = storeOn(new FakeEsdbClient());
    return { allocator: new CounterStreamReferenceAllocator(store), close: () => store.close() };
  });
});

describe('EsdbEventStore append', () => {
  it('re-reads the tip and retries when a rival write lands between its read and its append (expected "any")', async () => {
    const fake = new FakeEsdbClient();
    const store = storeOn(fake);
    await store.append('clfcase-1', [newEvent()], 'no-stream');
    fake.beforeAppend = async () =>
      void (await storeOn(fake).append('clfcase-1', [newEvent()], 'any'));
    const result = await store.append('clfcase-1', [newEvent()], 'any');
    expect(result.nextRevision).toBe(2);
    expect(await store.verify('clfcase-1')).toEqual({
      valid: true,
      events: 3,
      brokenAtRevision: null,
    });
  });

  it('reports the revision found when an exact expectation loses that race', async () => {
    const fake = new FakeEsdbClient();
    const store = storeOn(fake);
    await store.append('clfcase-1', [newEvent()], 'no-stream');
    fake.beforeAppend = async () =>
      void (await storeOn(fake).append('clfcase-1', [newEvent(), newEvent()], 'any'));
    await expect(store.append('clfcase-1', [newEvent()], 0)).rejects.toEqual(
      new ConcurrencyError('clfcase-1', 0, 2),
    );
  });

  it('recognises a retry whose first attempt landed after others wrote to the stream', async () => {
    const fake = new FakeEsdbClient();
    const store = storeOn(fake);
    const batch = [newEvent(), newEvent()];
    const first = await store.append('clfcase-1', batch, 'no-stream');
    await store.append('clfcase-1', [newEvent()], 'any');
    expect(await store.append('clfcase-1', batch, 'no-stream')).toEqual(first);
    expect(await store.readStream('clfcase-1')).toHaveLength(3);
  });

  it('keeps the envelope in the event metadata, so the chain survives the round trip', async () => {
    const fake = new FakeEsdbClient();
    const store = storeOn(fake, () => new Date('2026-11-23T12:00:00Z'));
    await store.append('clfcase-1', [newEvent()], 'no-stream');
    expect(fake.log[0].data.metadata).toMatchObject({
      recordedAt: '2026-11-23T12:00:00.000Z',
      prevHash: null,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      occurredAt: '2026-11-20T09:00:00.000Z',
      schemaVersion: 1,
    });
  });
});

describe('EsdbEventStore retries with a loose expectation', () => {
  it.each(['any', 'stream-exists'] as const)(
    'never writes a retried append twice (%s)',
    async (expected) => {
      const fake = new FakeEsdbClient();
      const store = storeOn(fake);
      await store.append('clfcase-1', [newEvent()], 'no-stream');
      const batch = [newEvent()];
      const first = await store.append('clfcase-1', batch, expected);
      expect(await store.append('clfcase-1', batch, expected)).toEqual(first);
      expect(await store.readStream('clfcase-1')).toHaveLength(2);
    },
  );

  it('passes over an event written without the envelope (not one of ours) instead of failing', async () => {
    const fake = new FakeEsdbClient();
    const store = storeOn(fake);
    await store.append('clfcase-1', [newEvent()], 'no-stream');
    await fake.appendToStream('clfcase-1', [
      {
        id: '00000000-0000-4000-8000-000000000001',
        contentType: 'application/json',
        type: 'Manual',
        data: {},
        metadata: undefined,
      },
    ]);
    expect(await store.readStream('clfcase-1')).toHaveLength(1);
  });
});

describe('EsdbEventStore with the real client against a node capped at 100 streams', () => {
  let node: EsdbStandInServer;
  let store: EsdbEventStore;
  /** Enough bytes that a read nobody consumes fills the connection's flow-control window. */
  const padding = 'x'.repeat(400);

  beforeEach(async () => {
    node = await EsdbStandInServer.start({ maxConcurrentStreams: 100 });
    store = new EsdbEventStore({ connectionString: node.connectionString });
    for (let batch = 0; batch < 6; batch += 1)
      await store.append(
        `clfcase-${batch}`,
        Array.from({ length: 100 }, () => newEvent('Happened', { padding })),
        'no-stream',
      );
  });

  afterEach(async () => {
    await store.close();
    await node.stop();
  });

  it('closes every read it ends early, so an append still completes after 150 of them', async () => {
    for (let read = 0; read < 75; read += 1) {
      expect(await store.readAll({ maxCount: 2 })).toHaveLength(2);
      expect(await store.headPosition('clfcase')).not.toBeNull();
    }
    const appended = await store.append('clfcase-new', [newEvent()], 'no-stream');
    expect(appended.nextRevision).toBe(0);
    expect(node.openReads).toBe(0);
  }, 30_000);

  it('cancels a read still open at its deadline and reports the store unavailable', async () => {
    const deadline = new AbortController();
    const late = new EsdbEventStore({
      connectionString: node.connectionString,
      readDeadline: () => deadline.signal,
    });
    const received = new Promise<void>((reached) =>
      node.interceptNextRead(
        (call) =>
          new Promise<void>((cancelled) => {
            call.on('cancelled', () => cancelled());
            reached();
          }),
      ),
    );
    const read = late.readStream('clfcase-0');
    await received;
    deadline.abort();
    await expect(read).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await late.close();
  });
});

/** The trailers of a follower: where the leader is (here the same node, so the client can follow). */
const leaderAt = (node: EsdbStandInServer) => ({
  exception: 'not-leader',
  'leader-endpoint-host': '127.0.0.1',
  'leader-endpoint-port': String(node.port),
});

describe('EsdbEventStore, with the real client, in the port’s errors', () => {
  let node: EsdbStandInServer;
  let store: EsdbEventStore;

  beforeEach(async () => {
    node = await EsdbStandInServer.start();
    store = new EsdbEventStore({ connectionString: node.connectionString });
    await store.append('clfcase-1', [newEvent(), newEvent()], 'no-stream');
  });

  afterEach(async () => {
    await store.close();
    await node.stop();
  });

  it.each([
    ['is down', status.UNAVAILABLE, () => ({})],
    ['is not the leader', status.NOT_FOUND, leaderAt],
    ['refuses the user', status.PERMISSION_DENIED, () => ({ exception: 'access-denied' })],
    ['gave up on the call', status.ABORTED, () => ({})],
  ])('reads as unavailable when the node %s', async (_, code, trailersOf) => {
    const trailers = trailersOf(node);
    node.failNextRead(code, 'refused', trailers);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    node.failNextRead(code, 'refused', trailers);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    node.failNextRead(code, 'refused', trailers);
    await expect(store.readStream('clfcase-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('stops a subscription the node refuses for lack of rights, and says so, instead of retrying for ever', async () => {
    const drops: [unknown, number, boolean][] = [];
    const refused = new EsdbEventStore({
      connectionString: node.connectionString,
      onSubscriptionDrop: (error, attempt, retrying) => drops.push([error, attempt, retrying]),
    });
    node.failNextRead(status.PERMISSION_DENIED, 'denied', { exception: 'access-denied' });
    const stopped = new Promise<unknown>((resolve) =>
      refused.subscribe({ handle: () => {}, onError: resolve }),
    );
    expect(await stopped).toBeInstanceOf(EventStoreUnavailableError);
    expect(drops).toEqual([[expect.any(EventStoreUnavailableError), 1, false]]);
    await refused.close();
  });

  it('resubscribes after the node drops the subscription mid-stream, losing and repeating nothing', async () => {
    const drops: boolean[] = [];
    const resilient = new EsdbEventStore({
      connectionString: node.connectionString,
      backoff: { delayMs: () => 0, wait: async () => {} },
      onSubscriptionDrop: (_, __, retrying) => drops.push(retrying),
    });
    const seen: string[] = [];
    const handled = (count: number) =>
      new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (seen.length < count) return;
          clearInterval(check);
          resolve();
        }, 5);
      });
    const subscription = resilient.subscribe({
      category: 'clfcase',
      handle: (batch) => void seen.push(...batch.map((e) => e.id)),
    });
    await handled(2);
    node.dropSubscriptions(status.UNAVAILABLE, 'leader lost');
    const later = [newEvent(), newEvent()];
    await resilient.append('clfcase-1', later, 1);
    await handled(4);
    const stored = await resilient.readStream('clfcase-1');
    expect(seen).toEqual(stored.map((e) => e.id));
    expect(drops).toEqual([true]);
    await subscription.stop();
    await resilient.close();
  });

  it('reads as unavailable when the node cannot be reached', async () => {
    await node.stop();
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('reads a deleted stream as not found', async () => {
    node.failNextRead(status.FAILED_PRECONDITION, 'deleted', {
      exception: 'stream-deleted',
      'stream-name': 'clfcase-1',
    });
    await expect(store.readStream('clfcase-1')).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads a stream whose every event was truncated as not found, not as empty', async () => {
    node.truncate('clfcase-1', 2n);
    await expect(store.readStream('clfcase-1')).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(store.verify('clfcase-1')).rejects.toBeInstanceOf(StreamNotFoundError);
    expect(await store.readStream('clfcase-1', { fromRevision: 2 })).toEqual([]);
  });

  it('lets the reference allocator refuse a truncated counter instead of failing on a missing event', async () => {
    const allocator = new CounterStreamReferenceAllocator(store, {
      attempts: 2,
      backoff: async () => {},
    });
    await allocator.next('DMM', 2026, 'c-1');
    node.truncate('clfref-DMM-2026', 1n);
    await expect(allocator.next('DMM', 2026, 'c-2')).rejects.toBeInstanceOf(
      ReferenceAllocationError,
    );
  });
});
