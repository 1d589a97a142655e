import type { RecordedEvent } from '../event-envelope';
import { positionAt, START, type Position } from '../position';
import {
  ResubscribingSubscription,
  type Backoff,
  type LiveFeed,
} from './resubscribing.subscription';

const event = (n: number): RecordedEvent =>
  ({ id: `e${n}`, stream: 'clfcase-1', revision: n, position: positionAt(n) }) as RecordedEvent;

/** A feed that yields the log after a position, then ends with an error (a drop) or waits to be stopped. */
class FakeServer {
  readonly log: RecordedEvent[] = [];
  readonly opened: Position[] = [];
  dropAfter: number[] = []; // per subscription: drop after delivering this many
  caughtUpListeners: Array<() => void> = [];

  feed = (after: Position): LiveFeed => {
    this.opened.push(after);
    const dropAfter = this.dropAfter.shift();
    const events = this.log.filter((e) => e.position.commit > after.commit);
    let release: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (release = resolve));
    return {
      onCaughtUp: (listener) => this.caughtUpListeners.push(listener),
      unsubscribe: async () => release(),
      async *[Symbol.asyncIterator]() {
        for (const [index, e] of events.entries()) {
          if (dropAfter !== undefined && index === dropAfter) throw new Error('connection reset');
          yield e;
        }
        if (dropAfter !== undefined && dropAfter >= events.length)
          throw new Error('connection reset');
        await stopped;
      },
    };
  };
}

function recordingBackoff(): Backoff & { delays: number[] } {
  const delays: number[] = [];
  return { delays, delayMs: (attempt) => attempt * 100, wait: async (ms) => void delays.push(ms) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i += 1) await new Promise((r) => setImmediate(r));
  if (!condition()) throw new Error('condition not reached');
}

describe('ResubscribingSubscription', () => {
  it('resubscribes from the last event handled after a drop, so nothing is lost or repeated', async () => {
    const server = new FakeServer();
    server.log.push(...[0, 1, 2, 3, 4, 5].map(event));
    server.dropAfter = [2, 1];
    const backoff = recordingBackoff();
    const seen: string[] = [];
    const subscription = new ResubscribingSubscription(
      server.feed,
      { handle: (batch) => void seen.push(...batch.map((e) => e.id)) },
      backoff,
    );
    await until(() => seen.length === 6);
    expect(seen).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    expect(server.opened).toEqual([START, positionAt(1), positionAt(2)]);
    expect(subscription.position).toEqual(positionAt(5));
    await subscription.stop();
  });

  it('backs off longer with each consecutive drop, and starts again once events flow', async () => {
    const server = new FakeServer();
    server.log.push(event(0));
    server.dropAfter = [0, 0, 0, 1];
    const backoff = recordingBackoff();
    const drops: number[] = [];
    const subscription = new ResubscribingSubscription(
      server.feed,
      { handle: () => {} },
      backoff,
      (_, attempt) => drops.push(attempt),
    );
    await until(() => drops.length === 4);
    expect(backoff.delays.slice(0, 3)).toEqual([100, 200, 300]);
    // The fourth subscription delivered e0 before dropping: the count started again.
    expect(drops).toEqual([1, 2, 3, 1]);
    await subscription.stop();
  });

  it('stops, unsubscribes and reports when the handler fails, without resubscribing', async () => {
    const server = new FakeServer();
    server.log.push(event(0), event(1));
    const errors: unknown[] = [];
    const subscription = new ResubscribingSubscription(
      server.feed,
      {
        handle: () => Promise.reject(new Error('projection broke')),
        onError: (e) => errors.push(e),
      },
      recordingBackoff(),
    );
    await until(() => errors.length === 1);
    expect(errors).toEqual([new Error('projection broke')]);
    expect(server.opened).toHaveLength(1);
    expect(subscription.position).toEqual(START);
    await subscription.stop();
  });

  it('says it has caught up once, however often it resubscribes', async () => {
    const server = new FakeServer();
    server.dropAfter = [0];
    let caughtUp = 0;
    const subscription = new ResubscribingSubscription(
      server.feed,
      { handle: () => {}, onCaughtUp: () => (caughtUp += 1) },
      recordingBackoff(),
    );
    await until(() => server.caughtUpListeners.length === 2);
    server.caughtUpListeners.forEach((listener) => listener());
    expect(caughtUp).toBe(1);
    await subscription.stop();
  });

  it('stops promptly while waiting to resubscribe', async () => {
    const server = new FakeServer();
    server.dropAfter = [0];
    const neverEnding: Backoff = { delayMs: () => 3_600_000, wait: () => new Promise(() => {}) };
    const subscription = new ResubscribingSubscription(
      server.feed,
      { handle: () => {} },
      neverEnding,
    );
    await until(() => server.opened.length === 1);
    await new Promise((r) => setImmediate(r));
    await subscription.stop();
    expect(server.opened).toHaveLength(1);
  });

  it('gives up on a drop that resubscribing cannot mend, says so, and reports it', async () => {
    const server = new FakeServer();
    server.log.push(event(0));
    server.dropAfter = [0, 0];
    const drops: [unknown, number, boolean][] = [];
    const errors: unknown[] = [];
    const subscription = new ResubscribingSubscription(
      server.feed,
      { handle: () => {}, onError: (e) => errors.push(e) },
      recordingBackoff(),
      (error, attempt, retrying) => drops.push([error, attempt, retrying]),
      () => false,
    );
    await until(() => errors.length === 1);
    expect(drops).toEqual([[new Error('connection reset'), 1, false]]);
    expect(errors).toEqual([new Error('connection reset')]);
    expect(server.opened).toHaveLength(1);
    await subscription.stop();
  });

  it('tells the drops it resubscribes after that it will', async () => {
    const server = new FakeServer();
    server.dropAfter = [0];
    const drops: boolean[] = [];
    const subscription = new ResubscribingSubscription(
      server.feed,
      { handle: () => {} },
      recordingBackoff(),
      (_, __, retrying) => drops.push(retrying),
      () => true,
    );
    await until(() => server.opened.length === 2);
    expect(drops).toEqual([true]);
    await subscription.stop();
  });

  it('hands on the events that have arrived in batches of up to batchSize, caught up after them', async () => {
    const server = new FakeServer();
    server.log.push(...[0, 1, 2, 3, 4].map(event));
    const batches: string[][] = [];
    let caughtUpAfter = -1;
    const subscription = new ResubscribingSubscription(
      server.feed,
      {
        batchSize: 2,
        handle: (batch) => void batches.push(batch.map((e) => e.id)),
        onCaughtUp: () => (caughtUpAfter = batches.flat().length),
      },
      recordingBackoff(),
    );
    await until(() => batches.flat().length === 5);
    expect(batches).toEqual([['e0', 'e1'], ['e2', 'e3'], ['e4']]);
    server.caughtUpListeners.forEach((listener) => listener());
    expect(caughtUpAfter).toBe(5);
    expect(subscription.position).toEqual(positionAt(4));
    await subscription.stop();
  });
});
