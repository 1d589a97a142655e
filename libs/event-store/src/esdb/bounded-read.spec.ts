import { Readable } from 'node:stream';
import type { StreamingRead } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import { boundedRead } from './bounded-read';

/** A read of `items` that records whether the gRPC call was cancelled. */
function readOf(items: number[]) {
  const cancelled = { count: 0 };
  const read = Object.assign(Readable.from(items), {
    cancel: async () => void (cancelled.count += 1),
  }) as unknown as StreamingRead<number>;
  return { read, cancelled };
}

const collect = async (read: AsyncIterable<number>, upTo = Infinity) => {
  const seen: number[] = [];
  for await (const item of read) {
    seen.push(item);
    if (seen.length === upTo) break;
  }
  return seen;
};

describe('boundedRead', () => {
  it('cancels the call when the caller leaves before the end', async () => {
    const { read, cancelled } = readOf([1, 2, 3]);
    expect(await collect(boundedRead(read, new AbortController().signal), 1)).toEqual([1]);
    expect(cancelled.count).toBe(1);
  });

  it('leaves a call that ended by itself alone', async () => {
    const { read, cancelled } = readOf([1, 2, 3]);
    expect(await collect(boundedRead(read, new AbortController().signal))).toEqual([1, 2, 3]);
    expect(cancelled.count).toBe(0);
  });

  it('fails as unavailable, and cancels, when the deadline has passed', async () => {
    const { read, cancelled } = readOf([1, 2, 3]);
    await expect(collect(boundedRead(read, AbortSignal.abort()))).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    expect(cancelled.count).toBe(1);
  });
});
