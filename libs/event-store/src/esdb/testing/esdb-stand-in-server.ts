import { EventEmitter, once } from 'node:events';
import { randomUUID } from 'node:crypto';
import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type ServerWritableStream,
  type ServerReadableStream,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import {
  StreamsService,
  type IStreamsServer,
} from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb';

/** One event as the stand-in keeps it: what a node would return for it. */
export interface StandInEvent {
  id: string;
  stream: string;
  revision: bigint;
  /** Commit and prepare positions are the same: one event per transaction. */
  position: bigint;
  metadata: ReadonlyMap<string, string>;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface EsdbStandInOptions {
  /** The HTTP/2 limit a node puts on concurrent calls per connection (KurrentDB: 100). */
  maxConcurrentStreams?: number;
}

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;
type AppendCall = ServerReadableStream<AppendReq, AppendResp>;
type Handler<Call> = (call: Call) => Promise<void> | void;

/** A node's read directions, as the protocol numbers them. */
const BACKWARDS = 1;
const POSITION_STEP = 100n;

/**
 * A single EventStoreDB node, as far as the `Streams` gRPC service goes, built from the
 * client's own generated protocol code so the real `@eventstore/db-client` can talk to it on
 * loopback: stream and `$all` reads (with the server's flow control: a read nobody consumes
 * stays open), catch-up subscriptions (which a test can drop), appends with optimistic
 * concurrency, and the per-connection stream cap. Other
 * services answer UNIMPLEMENTED, as an old node would, so the client appends with `Append`.
 */
export class EsdbStandInServer {
  readonly log: StandInEvent[] = [];
  /** Reads the server is still writing to, whether or not the client still listens. */
  openReads = 0;
  private readonly truncatedBefore = new Map<string, bigint>();
  private readonly subscriptions = new Set<ReadCall>();
  private readonly byStream = new Map<string, StandInEvent[]>();
  private readonly appended = new EventEmitter().setMaxListeners(0);
  /** Runs instead of the next read, to let a test answer it its own way (fail it, hold it open). */
  private nextRead: Handler<ReadCall>[] = [];
  private nextAppend: Handler<AppendCall>[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(options: EsdbStandInOptions = {}): Promise<EsdbStandInServer> {
    const server = new Server({
      'grpc.max_concurrent_streams': options.maxConcurrentStreams ?? 100,
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const standIn = new EsdbStandInServer(server, port);
    const streams: Pick<IStreamsServer, 'read' | 'append'> = {
      read: (call) => void standIn.read(call),
      append: (call, callback) => void standIn.append(call, callback),
    };
    server.addService(StreamsService, streams);
    return standIn;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Answers the next read with `handler` instead of the log. */
  interceptNextRead(handler: Handler<ReadCall>): void {
    this.nextRead.push(handler);
  }

  /** Answers the next append with `handler`; it must end the call itself. */
  interceptNextAppend(handler: Handler<AppendCall>): void {
    this.nextAppend.push(handler);
  }

  /**
   * Fails the next read with a gRPC status, as a node that is down, not the leader or
   * refusing the user would; a node names the failure in the `exception` trailer.
   */
  failNextRead(code: status, details: string, trailers: Record<string, string> = {}): void {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
    this.interceptNextRead((call) => void call.emit('error', { code, details, metadata }));
  }

  /** What `$tb` (truncate before) does on a node: the events below it are no longer read. */
  truncate(stream: string, before: bigint): void {
    this.truncatedBefore.set(stream, before);
  }

  async stop(): Promise<void> {
    this.server.forceShutdown();
  }

  private streamEvents(stream: string): StandInEvent[] {
    const from = this.truncatedBefore.get(stream) ?? 0n;
    return (this.byStream.get(stream) ?? []).filter((e) => e.revision >= from);
  }

  private lastRevision(stream: string): bigint | null {
    return this.byStream.get(stream)?.at(-1)?.revision ?? null;
  }

  private async read(call: ReadCall): Promise<void> {
    const intercept = this.nextRead.shift();
    this.openReads += 1;
    try {
      if (intercept) return await intercept(call);
      const options = call.request.getOptions();
      if (!options) return void call.emit('error', invalid('a read without options'));
      if (options.hasSubscription()) return await this.subscription(call, options);
      const events = this.selectForRead(options);
      if (events === 'not-found') {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(options.getStream()?.getStreamIdentifier());
        call.write(new ReadResp().setStreamNotFound(notFound));
      } else {
        for (const event of events) {
          if (call.cancelled) return;
          if (!call.write(new ReadResp().setEvent(toReadEvent(event))))
            await drainedOrCancelled(call);
        }
      }
      if (!call.cancelled) call.end();
    } finally {
      this.openReads -= 1;
    }
  }

  /**
   * A catch-up subscription to `$all`, as a node serves it: confirmed, then every event after
   * the position (exclusive) that the filter lets through, "caught up" once, then each append
   * as it lands, until the client cancels or the test drops it.
   */
  private async subscription(call: ReadCall, options: ReadReq.Options): Promise<void> {
    this.subscriptions.add(call);
    try {
      const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
      call.write(new ReadResp().setConfirmation(confirmation));
      const all = options.getAll()!;
      let after = all.hasPosition()
        ? BigInt(all.getPosition()!.getCommitPosition())
        : all.hasEnd()
          ? this.lastPosition()
          : -1n;
      const prefixes = options.getFilter()?.getStreamIdentifier()?.getPrefixList();
      const wanted = (event: StandInEvent) =>
        prefixes && prefixes.length > 0
          ? prefixes.some((prefix) => event.stream.startsWith(prefix))
          : !(event.metadata.get('type') ?? '').startsWith('$');
      let caughtUp = false;
      while (!call.cancelled && this.subscriptions.has(call)) {
        for (const event of this.log.filter((e) => e.position > after && wanted(e))) {
          if (call.cancelled || !this.subscriptions.has(call)) return;
          after = event.position;
          if (!call.write(new ReadResp().setEvent(toReadEvent(event))))
            await drainedOrCancelled(call);
        }
        if (!caughtUp) {
          caughtUp = true;
          call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
        }
        await this.nextAppendOrCancel(call);
      }
    } finally {
      this.subscriptions.delete(call);
    }
  }

  /** Drops every live subscription with a gRPC status, as a node restarting or failing over would. */
  dropSubscriptions(code: status, details: string): void {
    for (const call of this.subscriptions) {
      this.subscriptions.delete(call);
      call.emit('error', { code, details, metadata: new Metadata() });
    }
    this.appended.emit('append');
  }

  /** Changes a stored event's data in place, as no real node would allow. */
  tamper(stream: string, revision: number): void {
    const stored = this.byStream.get(stream)?.find((e) => e.revision === BigInt(revision));
    if (!stored) return;
    const data = JSON.parse(Buffer.from(stored.data).toString()) as Record<string, unknown>;
    stored.data = Buffer.from(JSON.stringify({ ...data, tampered: true }));
  }

  private nextAppendOrCancel(call: ReadCall): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.appended.off('append', done);
        call.off('cancelled', done);
        resolve();
      };
      this.appended.on('append', done);
      call.on('cancelled', done);
    });
  }

  private selectForRead(options: ReadReq.Options): StandInEvent[] | 'not-found' {
    const backwards = options.getReadDirection() === BACKWARDS;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    const stream = options.getStream();
    if (stream) {
      const name = Buffer.from(stream.getStreamIdentifier()!.getStreamName_asU8()).toString();
      const events = this.streamEvents(name);
      if (this.lastRevision(name) === null) return 'not-found';
      const from = stream.hasRevision() ? BigInt(stream.getRevision()) : null;
      const ordered = backwards ? [...events].reverse() : events;
      const selected =
        from === null
          ? ordered
          : ordered.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
      return selected.slice(0, count);
    }
    const all = options.getAll()!;
    const from = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : null;
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const selected =
      from === null
        ? all.hasEnd() && !backwards
          ? []
          : ordered
        : ordered.filter((e) => (backwards ? e.position < from : e.position >= from));
    return selected.slice(0, count);
  }

  private async append(call: AppendCall, callback: sendUnaryData<AppendResp>): Promise<void> {
    const intercept = this.nextAppend.shift();
    if (intercept) return void (await intercept(call));
    const requests: AppendReq[] = [];
    call.on('data', (request: AppendReq) => requests.push(request));
    await once(call, 'end');
    const options = requests[0]?.getOptions();
    if (!options) return callback(invalid('an append without options'));
    const stream = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString();
    const current = this.lastRevision(stream);
    if (!expectationHolds(options, current)) {
      const wrong = new AppendResp.WrongExpectedVersion();
      if (current === null) wrong.setCurrentNoStream(new Empty());
      else wrong.setCurrentRevision(current.toString());
      if (options.hasRevision()) wrong.setExpectedRevision(options.getRevision());
      return callback(null, new AppendResp().setWrongExpectedVersion(wrong));
    }
    let revision = current ?? -1n;
    let position = this.lastPosition();
    for (const request of requests.slice(1)) {
      const proposed = request.getProposedMessage()!;
      revision += 1n;
      position += POSITION_STEP;
      const event: StandInEvent = {
        id: proposed.getId()?.getString() ?? randomUUID(),
        stream,
        revision,
        position,
        metadata: new Map(proposed.getMetadataMap().toArray()),
        data: proposed.getData_asU8(),
        customMetadata: proposed.getCustomMetadata_asU8(),
      };
      this.log.push(event);
      const events = this.byStream.get(stream) ?? [];
      events.push(event);
      this.byStream.set(stream, events);
    }
    const at = new AppendResp.Position()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString());
    this.appended.emit('append');
    const success = new AppendResp.Success()
      .setCurrentRevision(revision.toString())
      .setPosition(at);
    callback(null, new AppendResp().setSuccess(success));
  }

  private lastPosition(): bigint {
    return this.log.length === 0 ? 0n : this.log[this.log.length - 1].position;
  }
}

function expectationHolds(options: AppendReq.Options, current: bigint | null): boolean {
  if (options.hasNoStream()) return current === null;
  if (options.hasStreamExists()) return current !== null;
  if (options.hasRevision()) return current === BigInt(options.getRevision());
  return true;
}

function toReadEvent(event: StandInEvent): ReadResp.ReadEvent {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(event.stream)))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  for (const [key, value] of event.metadata) recorded.getMetadataMap().set(key, value);
  return new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
}

function drainedOrCancelled(call: ReadCall): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
  });
}

const withCode = (code: status, message: string) => Object.assign(new Error(message), { code });
const invalid = (what: string) => withCode(status.INVALID_ARGUMENT, `The stand-in got ${what}`);
