import {
  DeadlineExceededError,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  StreamNotFoundError as EsdbStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type ResolvedEvent,
  MaxAppendSizeExceededError,
} from '@eventstore/db-client';
import {
  ConcurrencyError,
  EventStoreUnavailableError,
  StreamNotFoundError,
  AppendTooLargeError,
} from '../event-store.errors';
import { START } from '../position';
import { newEvent } from '../testing/event-store.contract';
import {
  categoryFilter,
  fromEsdbRevision,
  fromResolvedEvent,
  inCategory,
  toEsdbPosition,
  toEventData,
  translateError,
} from './esdb-mapping';

describe('EventStoreDB mapping', () => {
  it('maps revisions back to numbers, refusing any beyond 2^53', () => {
    expect(fromEsdbRevision(7n)).toBe(7);
    expect(() => fromEsdbRevision(2n ** 60n)).toThrow(RangeError);
  });

  it('maps positions both ways, with our start as the client’s START', () => {
    expect(toEsdbPosition(START)).toBe(ESDB_START);
    expect(toEsdbPosition({ commit: 200n, prepare: 180n })).toEqual({
      commit: 200n,
      prepare: 180n,
    });
  });

  it('translates a wrong expected version into a ConcurrencyError with the actual revision', () => {
    const existing = new WrongExpectedVersionError(undefined, {
      streamName: 's-1',
      expected: 3n,
      current: 5n,
    });
    expect(translateError(existing, 's-1', 3)).toEqual(new ConcurrencyError('s-1', 3, 5));
    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 's-1',
      expected: STREAM_EXISTS,
      current: NO_STREAM,
    });
    expect(translateError(missing, 's-1', 'stream-exists')).toEqual(
      new ConcurrencyError('s-1', 'stream-exists', 'no-stream'),
    );
  });

  it('translates an append beyond the server’s size limit into AppendTooLargeError, naming the limit', () => {
    const refused = translateError(new MaxAppendSizeExceededError(undefined, 1_048_576), 's-1');
    expect(refused).toBeInstanceOf(AppendTooLargeError);
    expect(refused).toMatchObject({ stream: 's-1', limitBytes: 1_048_576 });
  });

  it('translates a missing stream, and an unreachable server, and passes anything else on', () => {
    expect(translateError(new EsdbStreamNotFoundError(undefined, 's-1'), 's-1')).toEqual(
      new StreamNotFoundError('s-1'),
    );
    expect(translateError(new UnavailableError(), 's-1')).toBeInstanceOf(
      EventStoreUnavailableError,
    );
    expect(translateError(new DeadlineExceededError(), 's-1')).toBeInstanceOf(
      EventStoreUnavailableError,
    );
    const other = new Error('boom');
    expect(translateError(other, 's-1')).toBe(other);
  });

  it('filters a category on the server by stream-name prefix, else excludes system events', () => {
    expect(categoryFilter('clfcase')).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['clfcase-'],
    });
    expect(categoryFilter()).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(inCategory('clfcase-1', 'clfcase')).toBe(true);
    expect(inCategory('clfcaseX-1', 'clfcase')).toBe(false);
    expect(inCategory('$stats-1')).toBe(false);
  });

  describe('events', () => {
    const event = newEvent('CaseReceived', { summary: 'x' });
    const envelope = {
      recordedAt: '2026-11-23T12:00:00.000Z',
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };

    const resolved = (
      position?: { commit: bigint; prepare: bigint },
      commitPosition?: bigint,
    ): ResolvedEvent => {
      const data = toEventData(event, envelope);
      return {
        event: {
          streamId: 'clfcase-1',
          id: data.id,
          isJson: true,
          revision: 3n,
          type: data.type,
          created: new Date(),
          data: data.data,
          metadata: data.metadata,
          ...(position ? { position } : {}),
        },
        ...(commitPosition !== undefined ? { commitPosition } : {}),
      } as ResolvedEvent;
    };

    it('round-trips an event with its envelope through the stored metadata', () => {
      expect(fromResolvedEvent(resolved({ commit: 900n, prepare: 880n }))).toEqual({
        ...event,
        stream: 'clfcase-1',
        revision: 3,
        position: { commit: 900n, prepare: 880n },
        ...envelope,
      });
    });

    it('falls back to the commit position when the server gives no event position', () => {
      expect(fromResolvedEvent(resolved(undefined, 77n))?.position).toEqual({
        commit: 77n,
        prepare: 77n,
      });
    });

    it('ignores system events and bare links', () => {
      const system = resolved();
      (system.event as { type: string }).type = '$metadata';
      expect(fromResolvedEvent(system)).toBeNull();
      expect(fromResolvedEvent({} as ResolvedEvent)).toBeNull();
    });
  });
});
