import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '../event-envelope';
import { ConcurrencyError, StreamNotFoundError } from '../event-store.errors';
import type { Clock, EventStore } from '../event-store.port';
import { verifyEveryChain } from '../every-chain';
import { comparePositions, START } from '../position';

export interface ContractSubject {
  store: EventStore;
  /** Changes a stored event's data behind the store's back, as an attacker with file access would. */
  tamper(stream: string, revision: number): Promise<void>;
  /** Opens a second store on the same data, as a restarted process would. */
  reopen(): Promise<EventStore>;
}

export const RECORDED_AT = '2026-11-23T12:00:00.000Z';
const fixedClock: Clock = () => new Date(RECORDED_AT);

export function newEvent(type = 'Happened', data: unknown = { n: 1 }): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    occurredAt: '2026-11-20T09:00:00.000Z',
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { id: 'u1', name: 'Ann Lee', roles: ['staff'] },
      policyId: 'dmm',
      policyVersion: '2022-02',
      schemaVersion: 1,
    },
  };
}

const events = (count: number, type = 'Happened') =>
  Array.from({ length: count }, (_, n) => newEvent(type, { n }));

/** A category no other test (or earlier run against a shared server) uses. */
const freshCategory = () => `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const freshStream = (category = freshCategory()) => `${category}-${randomUUID()}`;

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

/**
 * The behaviour every EventStore adapter must have. `open` gives a store on a fresh (or
 * shared, for a server) database with the clock given.
 */
export function eventStoreContract(open: (clock: Clock) => Promise<ContractSubject>): void {
  let subject: ContractSubject;
  let store: EventStore;
  const others: EventStore[] = [];

  beforeEach(async () => {
    subject = await open(fixedClock);
    store = subject.store;
  });
  afterEach(async () => {
    await Promise.all(others.splice(0).map((s) => s.close()));
    await store.close();
  });

  describe('append and read a stream', () => {
    it('stores events with revisions, increasing positions, metadata, recordedAt and a hash chain', async () => {
      const stream = freshStream();
      const written = events(3);
      const result = await store.append(stream, written, 'no-stream');
      expect(result.nextRevision).toBe(2);

      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(read.map((e) => e.id)).toEqual(written.map((e) => e.id));
      expect(read[2].position).toEqual(result.position);
      expect(comparePositions(read[0].position, read[1].position)).toBeLessThan(0);
      expect(read[0]).toMatchObject({
        stream,
        type: 'Happened',
        data: { n: 0 },
        occurredAt: written[0].occurredAt,
        recordedAt: RECORDED_AT,
        metadata: written[0].metadata,
        prevHash: null,
      });
      expect(read[1].prevHash).toBe(read[0].hash);
      expect(read[0].hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('reads backwards, from a revision, and at most a count', async () => {
      const stream = freshStream();
      await store.append(stream, events(5), 'no-stream');
      expect(
        (await store.readStream(stream, { direction: 'backwards', maxCount: 2 })).map(
          (e) => e.revision,
        ),
      ).toEqual([4, 3]);
      expect((await store.readStream(stream, { fromRevision: 3 })).map((e) => e.revision)).toEqual([
        3, 4,
      ]);
      expect(
        (await store.readStream(stream, { direction: 'backwards', fromRevision: 1 })).map(
          (e) => e.revision,
        ),
      ).toEqual([1, 0]);
      expect(
        (await store.readStream(stream, { fromRevision: 1, maxCount: 2 })).map((e) => e.revision),
      ).toEqual([1, 2]);
    });

    it('says a stream that has no events does not exist', async () => {
      const stream = freshStream();
      expect(await refusal(store.readStream(stream))).toEqual(new StreamNotFoundError(stream));
      expect(await refusal(store.verify(stream))).toBeInstanceOf(StreamNotFoundError);
    });

    it('holds a 10,000-event stream, in order, with its chain intact', async () => {
      const stream = freshStream();
      let expected: number | 'no-stream' = 'no-stream';
      for (let chunk = 0; chunk < 10; chunk += 1) {
        expected = (await store.append(stream, events(1000), expected)).nextRevision;
      }
      const read = await store.readStream(stream);
      expect(read).toHaveLength(10_000);
      expect(read.every((e, i) => e.revision === i)).toBe(true);
      expect(await store.verify(stream)).toEqual({
        valid: true,
        events: 10_000,
        brokenAtRevision: null,
      });
    });
  });

  describe('expected revision', () => {
    it('maps no-stream, stream-exists, any and an exact revision', async () => {
      const stream = freshStream();
      expect(await refusal(store.append(stream, events(1), 'stream-exists'))).toEqual(
        new ConcurrencyError(stream, 'stream-exists', 'no-stream'),
      );
      expect(await refusal(store.append(stream, events(1), 0))).toEqual(
        new ConcurrencyError(stream, 0, 'no-stream'),
      );
      await store.append(stream, events(2), 'no-stream');
      expect(await refusal(store.append(stream, events(1), 'no-stream'))).toEqual(
        new ConcurrencyError(stream, 'no-stream', 1),
      );
      expect(await refusal(store.append(stream, events(1), 0))).toEqual(
        new ConcurrencyError(stream, 0, 1),
      );
      expect((await store.append(stream, events(1), 1)).nextRevision).toBe(2);
      expect((await store.append(stream, events(1), 'stream-exists')).nextRevision).toBe(3);
      expect((await store.append(stream, events(1), 'any')).nextRevision).toBe(4);
      expect((await store.append(freshStream(), events(1), 'any')).nextRevision).toBe(0);
    });

    it('lets exactly one of many racing appends at the same revision win', async () => {
      const stream = freshStream();
      await store.append(stream, events(1), 'no-stream');
      const racers = await Promise.allSettled(
        Array.from({ length: 8 }, () => store.append(stream, events(2), 0)),
      );
      expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const losers = racers.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(losers).toHaveLength(7);
      for (const loser of losers) expect(loser.reason).toEqual(new ConcurrencyError(stream, 0, 2));
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('lets exactly one of two stores racing to create a stream win', async () => {
      const second = await subject.reopen();
      others.push(second);
      const stream = freshStream();
      const racers = await Promise.allSettled([
        store.append(stream, events(1), 'no-stream'),
        second.append(stream, events(1), 'no-stream'),
      ]);
      expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await store.readStream(stream)).toHaveLength(1);
    });
  });

  describe('idempotent retry', () => {
    it('treats the same event ids appended again as the same append, never a duplicate', async () => {
      const stream = freshStream();
      const batch = events(2);
      const first = await store.append(stream, batch, 'no-stream');
      const retry = await store.append(stream, batch, 'no-stream');
      expect(retry).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });

  describe('reading all streams', () => {
    it('reads in global order from a position, by category, a batch at a time', async () => {
      const category = freshCategory();
      const one = freshStream(category);
      const two = freshStream(category);
      const elsewhere = freshStream();
      await store.append(one, events(2), 'no-stream');
      await store.append(elsewhere, events(1), 'no-stream');
      await store.append(two, events(2), 'no-stream');
      await store.append(one, events(1), 1);

      const all = await store.readAll({ category, maxCount: 100 });
      expect(all.map((e) => `${e.stream === one ? 'one' : 'two'}:${e.revision}`)).toEqual([
        'one:0',
        'one:1',
        'two:0',
        'two:1',
        'one:2',
      ]);
      const firstBatch = await store.readAll({ category, maxCount: 2 });
      const secondBatch = await store.readAll({
        category,
        maxCount: 2,
        after: firstBatch[1].position,
      });
      expect([...firstBatch, ...secondBatch].map((e) => e.id)).toEqual(
        all.slice(0, 4).map((e) => e.id),
      );
      expect(await store.headPosition(category)).toEqual(all[4].position);
      expect(await store.headPosition(freshCategory())).toBeNull();
      expect(await store.countAfter(START, category)).toBe(5);
      expect(await store.countAfter(all[1].position, category)).toBe(3);
      expect(await store.countAfter(all[1].position, category, 2)).toBe(2);
      expect(await store.countAfter(all[4].position, category)).toBe(0);
      expect(await store.countAfter(START, freshCategory())).toBe(0);

      const everything = await store.readAll({ maxCount: 1_000_000 });
      expect(everything.map((e) => e.id)).toEqual(expect.arrayContaining(all.map((e) => e.id)));
    });
  });

  describe('subscriptions', () => {
    it('catches up, then goes live under concurrent appends, with nothing lost or repeated', async () => {
      const category = freshCategory();
      const streams = Array.from({ length: 4 }, () => freshStream(category));
      for (const stream of streams) await store.append(stream, events(25), 'no-stream');

      const seen: RecordedEvent[] = [];
      let caughtUp = false;
      const subscription = store.subscribe({
        category,
        batchSize: 7,
        handle: (batch) => void seen.push(...batch),
        onCaughtUp: () => (caughtUp = true),
      });
      // Writers race the catch-up and the hand-over to live.
      const writers = streams.map(async (stream) => {
        for (let i = 0; i < 10; i += 1) await store.append(stream, events(3), 'any');
      });
      await Promise.all(writers);
      // Caught up is said when a read finds nothing new: that may be a turn after the last batch.
      await waitFor(() => seen.length >= 4 * 55 && caughtUp, 'every event, and caught up');
      await subscription.stop();

      expect(seen).toHaveLength(220);
      expect(new Set(seen.map((e) => e.id)).size).toBe(220);
      expect(
        seen.every((e, i) => i === 0 || comparePositions(seen[i - 1].position, e.position) < 0),
      ).toBe(true);
      for (const stream of streams) {
        expect(seen.filter((e) => e.stream === stream).map((e) => e.revision)).toEqual(
          Array.from({ length: 55 }, (_, i) => i),
        );
      }
    });

    it('resumes from a checkpoint after a restart, delivering exactly what came after it', async () => {
      const category = freshCategory();
      const stream = freshStream(category);
      await store.append(stream, events(10), 'no-stream');
      const before: RecordedEvent[] = [];
      const first = store.subscribe({
        category,
        handle: (batch) => void before.push(...batch.slice(0, 6 - before.length)),
        batchSize: 1,
      });
      await waitFor(() => before.length === 6, 'six events');
      await first.stop();
      const checkpoint = before[5].position;

      await store.append(stream, events(5), 'any');
      const restarted = await subject.reopen();
      others.push(restarted);
      const after: RecordedEvent[] = [];
      const second = restarted.subscribe({
        category,
        after: checkpoint,
        handle: (batch) => void after.push(...batch),
      });
      await waitFor(() => after.length >= 9, 'the rest');
      await second.stop();
      expect(after.map((e) => e.revision)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    });

    it('reports a handler failure and stops, so the caller restarts from its checkpoint', async () => {
      const category = freshCategory();
      await store.append(freshStream(category), events(3), 'no-stream');
      let failure: unknown;
      const subscription = store.subscribe({
        category,
        handle: () => {
          throw new Error('projection failed');
        },
        onError: (error) => (failure = error),
      });
      await waitFor(() => failure !== undefined, 'the failure');
      expect(failure).toEqual(new Error('projection failed'));
      expect(subscription.position).toEqual(START);
      await subscription.stop();
    });
  });

  describe('hash chain', () => {
    it('verifies an intact stream and finds the first tampered revision', async () => {
      const stream = freshStream();
      await store.append(stream, events(5), 'no-stream');
      expect(await store.verify(stream)).toEqual({
        valid: true,
        events: 5,
        brokenAtRevision: null,
      });
      await subject.tamper(stream, 2);
      expect(await store.verify(stream)).toMatchObject({ valid: false, brokenAtRevision: 2 });
    });

    it('verifies every stream of a category in one read, naming each broken one once', async () => {
      const category = freshCategory();
      const [first, second, third] = [1, 2, 3].map(() => freshStream(category));
      await store.append(first, events(3), 'no-stream');
      await store.append(second, events(4), 'no-stream');
      await store.append(first, events(2), 2);
      await store.append(third, events(1), 'no-stream');
      await store.append(freshStream(), events(2), 'no-stream');
      await subject.tamper(second, 1);
      expect(await verifyEveryChain(store, { category, batchSize: 2 })).toEqual({
        streams: 3,
        events: 10,
        broken: [{ stream: second, brokenAtRevision: 1 }],
        stoppedEarly: null,
      });
    });
  });
}
