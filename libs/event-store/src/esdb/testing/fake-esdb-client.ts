import { EventEmitter } from 'node:events';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { EsdbClient } from '../esdb-event-store';

interface StoredEvent {
  stream: string;
  revision: bigint;
  position: Position;
  data: EventData;
}

const streaming = <T>(items: AsyncIterable<T>) => Object.assign(items, { cancel: async () => {} });

/**
 * An in-memory stand-in for an EventStoreDB node, as far as the adapter relies on it:
 * optimistic concurrency with the client's errors, a missing stream failing the read,
 * `$all` reads inclusive of their start, filtered catch-up subscriptions exclusive of
 * theirs, and `truncateBefore` hiding history.
 */
export class FakeEsdbClient {
  readonly log: StoredEvent[] = [];
  private readonly appended = new EventEmitter();
  private readonly truncatedBefore = new Map<string, bigint>();
  private nextPosition = 100n;
  /** Runs before the next append is applied, to let a test slip a rival write in. */
  beforeAppend: ((stream: string) => Promise<void>) | null = null;

  constructor() {
    this.appended.setMaxListeners(0);
  }

  asClient(): EsdbClient {
    return this as unknown as EsdbClient;
  }

  private streamEvents(stream: string): StoredEvent[] {
    const from = this.truncatedBefore.get(stream) ?? 0n;
    return this.log.filter((e) => e.stream === stream && e.revision >= from);
  }

  private current(stream: string): bigint | typeof NO_STREAM {
    const all = this.log.filter((e) => e.stream === stream);
    return all.length === 0 ? NO_STREAM : all[all.length - 1].revision;
  }

  async appendToStream(
    stream: string,
    events: EventData | EventData[],
    options: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> {
    const hook = this.beforeAppend;
    this.beforeAppend = null;
    await hook?.(stream);
    const batch = Array.isArray(events) ? events : [events];
    const expected = options.expectedRevision ?? ANY;
    const current = this.current(stream);
    const ok =
      expected === ANY ||
      (expected === NO_STREAM && current === NO_STREAM) ||
      (expected === STREAM_EXISTS && current !== NO_STREAM) ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok)
      throw new WrongExpectedVersionError(undefined, { streamName: stream, expected, current });
    let revision = current === NO_STREAM ? -1n : current;
    let position: Position = { commit: 0n, prepare: 0n };
    for (const data of batch) {
      revision += 1n;
      this.nextPosition += 10n;
      position = { commit: this.nextPosition, prepare: this.nextPosition };
      this.log.push({ stream, revision, position, data });
    }
    this.appended.emit('append');
    return { success: true, nextExpectedRevision: revision, position };
  }

  private resolved(stored: StoredEvent): ResolvedEvent {
    return {
      event: {
        streamId: stored.stream,
        id: stored.data.id,
        isJson: true,
        revision: stored.revision,
        type: stored.data.type,
        created: new Date(),
        data: JSON.parse(JSON.stringify(stored.data.data)),
        metadata:
          stored.data.metadata === undefined
            ? undefined
            : JSON.parse(JSON.stringify(stored.data.metadata)),
        position: stored.position,
      },
      commitPosition: stored.position.commit,
    } as ResolvedEvent;
  }

  readStream(
    stream: string,
    options: {
      direction?: string;
      fromRevision?: bigint | 'start' | 'end';
      maxCount?: number | bigint;
    } = {},
  ) {
    const events = this.streamEvents(stream);
    const resolved = this.resolved.bind(this);
    return streaming(
      (async function* () {
        if (events.length === 0) throw new StreamNotFoundError(undefined, stream);
        const backwards = options.direction === BACKWARDS;
        const from = options.fromRevision;
        let selected = backwards ? [...events].reverse() : events;
        if (typeof from === 'bigint') {
          selected = selected.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
        }
        for (const e of selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)))
          yield resolved(e);
      })(),
    );
  }

  readAll(
    options: { direction?: string; fromPosition?: ReadPosition; maxCount?: number | bigint } = {},
  ) {
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition;
    let selected = backwards ? [...this.log].reverse() : [...this.log];
    if (typeof from === 'object') {
      selected = selected.filter((e) =>
        backwards ? e.position.commit <= from.commit : e.position.commit >= from.commit,
      );
    } else if (from === END && !backwards) {
      selected = [];
    }
    const resolved = this.resolved.bind(this);
    return streaming(
      (async function* () {
        for (const e of selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)))
          yield resolved(e);
      })(),
    );
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}) {
    const listeners = new EventEmitter();
    let cancelled = false;
    let wake: () => void = () => {};
    const filter = options.filter as { filterOn: string; prefixes?: string[] } | undefined;
    const wanted = (e: StoredEvent) =>
      filter?.filterOn === 'streamName' && filter.prefixes
        ? filter.prefixes.some((p) => e.stream.startsWith(p))
        : !e.data.type.startsWith('$');
    let after = typeof options.fromPosition === 'object' ? options.fromPosition.commit : -1n;
    const log = this.log;
    const appended = this.appended;
    const resolved = this.resolved.bind(this);
    const iterable = (async function* () {
      let caughtUp = false;
      while (!cancelled) {
        const next = log.filter((e) => e.position.commit > after && wanted(e));
        for (const e of next) {
          after = e.position.commit;
          yield resolved(e);
        }
        if (next.length === 0) {
          if (!caughtUp) {
            caughtUp = true;
            listeners.emit('caughtUp');
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            appended.once('append', resolve);
          });
        }
      }
    })();
    return Object.assign(iterable, {
      on: (name: string, listener: () => void) => listeners.on(name, listener),
      unsubscribe: async () => {
        cancelled = true;
        wake();
      },
    });
  }

  async setStreamMetadata(stream: string, metadata: { truncateBefore?: number }): Promise<void> {
    if (metadata.truncateBefore !== undefined)
      this.truncatedBefore.set(stream, BigInt(metadata.truncateBefore));
  }

  /** Changes a stored event's data in place, as no real node would allow. */
  tamper(stream: string, revision: number): void {
    const stored = this.log.find((e) => e.stream === stream && e.revision === BigInt(revision));
    if (stored)
      stored.data = {
        ...stored.data,
        data: { ...(stored.data.data as object), tampered: true },
      } as EventData;
  }

  async dispose(): Promise<void> {}
}
