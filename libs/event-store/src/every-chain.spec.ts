import type { RecordedEvent } from './event-envelope';
import type { ReadAllOptions } from './event-store.port';
import { ChainsInOrder, verifyEveryChain } from './every-chain';
import { hashEvent } from './hash-chain';
import { positionAt } from './position';

const actor = { id: 'u1', name: 'Ann Lee' };

/** Streams' events as a store would record them, chained, in the order given. */
function recorded(streams: string[]): RecordedEvent[] {
  const last = new Map<string, RecordedEvent>();
  return streams.map((stream, position) => {
    const previous = last.get(stream);
    const fields = {
      stream,
      revision: previous ? previous.revision + 1 : 0,
      prevHash: previous?.hash ?? null,
      type: 'Happened',
      data: { position },
      occurredAt: '2026-11-20T09:00:00.000Z',
      recordedAt: '2026-11-23T12:00:00.000Z',
      actor,
    };
    const event: RecordedEvent = {
      ...fields,
      id: `e${position}`,
      position: positionAt(position),
      metadata: {
        actor,
        correlationId: 'c',
        causationId: 'c',
        policyId: 'dmm',
        policyVersion: '1',
        schemaVersion: 1,
      },
      hash: hashEvent(fields),
    };
    last.set(stream, event);
    return event;
  });
}

const checked = (events: RecordedEvent[]) => {
  const chains = new ChainsInOrder();
  events.forEach((event) => chains.add(event));
  return chains.result();
};

describe('every chain, in the store’s order', () => {
  const interleaved = () => recorded(['a', 'b', 'a', 'c', 'b', 'a']);

  it('finds interleaved streams intact', () => {
    expect(checked(interleaved())).toEqual({
      streams: 3,
      events: 6,
      broken: [],
      stoppedEarly: null,
    });
  });

  it('names a stream with an altered event at that revision, once, however much follows', () => {
    const events = interleaved();
    events[2] = { ...events[2], data: { position: 99 } };
    expect(checked(events)).toEqual({
      streams: 3,
      events: 6,
      broken: [{ stream: 'a', brokenAtRevision: 1 }],
      stoppedEarly: null,
    });
  });

  it('names a stream with a missing event at the first revision after the gap', () => {
    const events = interleaved().filter((event) => !(event.stream === 'b' && event.revision === 0));
    expect(checked(events).broken).toEqual([{ stream: 'b', brokenAtRevision: 1 }]);
  });

  it('names a stream whose event was given another’s hash link', () => {
    const events = interleaved();
    events[4] = { ...events[4], prevHash: events[2].hash };
    expect(checked(events).broken).toEqual([{ stream: 'b', brokenAtRevision: 1 }]);
  });
});

describe('verifyEveryChain', () => {
  const events = recorded(['a', 'b', 'a', 'b', 'a']);
  const pages: Array<{ after?: bigint; maxCount?: number; category?: string }> = [];
  const store = {
    async readAll({ after, maxCount = 1000, category }: ReadAllOptions = {}) {
      pages.push({ after: after?.commit, maxCount, category });
      return readAll({ after, maxCount });
    },
  };
  function readAll({ after, maxCount = 1000 }: ReadAllOptions) {
    const from = after ? Number(after.commit) + 1 : 0;
    return events.slice(from, from + maxCount);
  }
  beforeEach(() => (pages.length = 0));

  it('reads the store once, in batches after the last position read, for the category asked', async () => {
    expect(await verifyEveryChain(store, { category: 'clfcase', batchSize: 2 })).toEqual({
      streams: 2,
      events: 5,
      broken: [],
      stoppedEarly: null,
    });
    expect(pages).toEqual([
      { after: undefined, maxCount: 2, category: 'clfcase' },
      { after: 1n, maxCount: 2, category: 'clfcase' },
      { after: 3n, maxCount: 2, category: 'clfcase' },
    ]);
  });

  it('stops between batches once asked to, with what it has checked and why it stopped', async () => {
    const reasons = ['', 'the server is shutting down'];
    expect(
      await verifyEveryChain(store, { batchSize: 2, stopsBecause: () => reasons.shift() || null }),
    ).toEqual({ streams: 2, events: 4, broken: [], stoppedEarly: 'the server is shutting down' });
  });
});
