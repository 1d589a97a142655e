import {
  categoryOf,
  EventStoreUnavailableError,
  withStoredData,
  type AppendResult,
  type ExpectedRevision,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '#event-store';
import {
  CASE_CATEGORY,
  caseIdOf,
  caseStream,
  ERASED_TEXT,
  personalFieldsOf,
  UNREADABLE_TEXT,
} from '#domain';
import type { CaseKey, CaseKeyStore } from './case-key-store.port';
import { CaseKeyCache } from './case-key-cache';
import { OpenedValues } from './opened-values';
import { PersonalDataErasedError } from './personal-data-erased.error';
import { seal, unseal } from './sealing/aes-gcm';
import {
  planOf,
  valueAt,
  withoutValuesAt,
  withPlannedValues,
  withValuesAt,
  type FieldPath,
  type FieldPlan,
} from './sealing/personal-paths';

/** Where an event's personal fields go once sealed: their names in clear, their values encrypted. */
export interface SealedFields {
  fields: string[];
  /** base64 of `iv ‖ ciphertext ‖ tag` of the JSON array of the values, in the order of `fields`. */
  values: string;
}

export const SEALED = 'sealed';

type Data = Record<string, unknown>;

/**
 * How many times a key lookup is made again when more cases were erased while it was away
 * than memory keeps (see `CaseKeyCache`): then it gives up, rather than trust a key that may
 * have been erased, and the reader tries again later.
 */
const LOOKUP_ATTEMPTS = 3;

/** Too many erasures while keys were looked up: nothing was opened with a key that may be erased. */
const erasuresOutran = () =>
  new EventStoreUnavailableError(
    'So many cases were erased while this read looked up their keys that it stopped; try again.',
  );

/**
 * Awaited, it resumes once the current synchronous work is done (a microtask), before any
 * timer or `setImmediate`: before a group commit of this turn and a key store's batch.
 */
const AFTER_THIS_TURN = Promise.resolve();

/** An event type's personal fields: each one's name and path, and the plan that takes them out. */
interface PersonalFields {
  fields: { name: string; path: FieldPath }[];
  names: ReadonlySet<string>;
  plan: FieldPlan;
}

const fieldsByType = new Map<string, PersonalFields>();
function personalFieldsOfType(type: string): PersonalFields {
  let known = fieldsByType.get(type);
  if (!known) {
    const fields = personalFieldsOf(type).map((name) => ({ name, path: pathOf(name) }));
    const names = fields.map((field) => field.name);
    known = { fields, names: new Set(names), plan: planOf(names) };
    fieldsByType.set(type, known);
  }
  return known;
}

const pathsByName = new Map<string, FieldPath>();
function pathOf(name: string): FieldPath {
  let path = pathsByName.get(name);
  if (!path) {
    path = name.split('.');
    pathsByName.set(name, path);
  }
  return path;
}

const isSealed = (data: unknown): data is Data & { [SEALED]: SealedFields } =>
  typeof data === 'object' && data !== null && SEALED in data;

/** Whether an event's data, parsed or as its stored JSON text, holds sealed personal fields. */
export function holdsSealedData(data: unknown): boolean {
  return typeof data === 'string' ? data.includes(`"${SEALED}":{`) : isSealed(data);
}

/** Binds a sealed value to its event: moved into another event or stream, it does not open. */
const aadOf = (stream: string, eventId: string) => `${stream}/${eventId}`;

/**
 * The event store as the application uses it: each case event's personal fields
 * (`PERSONAL_FIELDS`) are encrypted with the case's own key on the way in, and decrypted on
 * the way out. The store below hashes what it stores, so the chain covers the ciphertext and
 * still verifies once a key is erased; reads then give `ERASED_TEXT` where the data was.
 * Other streams (the staff directory) pass through as they are.
 */
export class SealedEventStore implements EventStore {
  /** Per stream, the last append still being sealed: the next one waits until it is handed over. */
  private readonly handingOver = new Map<string, Promise<void>>();

  constructor(
    /** The events as stored (sealed): what the chain audit and backups read. */
    readonly stored: EventStore,
    private readonly keys: CaseKeyStore,
    /** The case keys and erasures known in memory. */
    private readonly cache = new CaseKeyCache(),
    /** Plaintext of what `readStream` opened: the streams read again and again. */
    private readonly opened = new OpenedValues(),
  ) {}

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (categoryOf(stream) !== CASE_CATEGORY) return this.stored.append(stream, events, expected);
    const taken = events.map((event) =>
      takePersonal(event.data as Data, personalFieldsOfType(event.type)),
    );
    const needsKey = taken.some(Boolean);
    const waiting = this.handingOver.get(stream);
    // The common case: nothing of this stream waits to be handed over, and no key is needed or it is in memory.
    if (!waiting) {
      const key = needsKey ? this.cachedKey(caseIdOf(stream)) : null;
      if (key !== undefined) {
        const sealed = sealAll(stream, events, taken, key);
        // Handed over after this turn's synchronous work: a new key another append of this
        // turn asks for is then asked for first, and its case's events join the same commit.
        await AFTER_THIS_TURN;
        return this.stored.append(stream, sealed, expected);
      }
    }
    const caseId = caseIdOf(stream);
    const mark = this.cache.erasureMark();
    // Asked for now, not once the stream's earlier appends are handed over: see above.
    const key = needsKey ? this.keyToWrite(caseId) : Promise.resolve(null);
    // Awaited below, after the earlier appends; failing meanwhile is not an unhandled rejection.
    key.catch(() => {});
    // Sealing waits for a key: appends to a stream still reach the store in the order sent.
    const handed = (waiting ?? Promise.resolve()).then(async () => {
      let sealWith = await key;
      // Erased while the earlier appends were handed over: the key found before is not used.
      if (sealWith && this.cache.get(caseId)?.state === 'erased')
        throw new PersonalDataErasedError(caseId);
      // Or erased, and let go from memory since by as many other erasures: ask again.
      if (sealWith && !this.cache.remembersErasuresSince(mark))
        sealWith = await this.keyToWrite(caseId);
      return {
        appended: this.stored.append(stream, sealAll(stream, events, taken, sealWith), expected),
      };
    });
    const turn = handed.then(
      () => {},
      () => {},
    );
    this.handingOver.set(stream, turn);
    void turn.then(() => {
      if (this.handingOver.get(stream) === turn) this.handingOver.delete(stream);
    });
    return (await handed).appended;
  }

  /** The case's key when it is in memory; undefined when it must be asked for. */
  private cachedKey(caseId: string): Buffer | undefined {
    const cached = this.cache.get(caseId);
    return cached?.state === 'present' ? cached.key : undefined;
  }

  private async keyToWrite(caseId: string): Promise<Buffer> {
    // Present in memory: put there after any erasure of the case (an erasure takes it out).
    const cached = this.cache.get(caseId);
    if (cached?.state === 'present') return cached.key;
    const known = await this.withErasuresKept(() => this.keys.keyFor(caseId));
    const kept = this.learn(caseStream(caseId), known);
    if (kept.state !== 'present') throw new PersonalDataErasedError(caseId);
    return kept.key;
  }

  /**
   * `lookUp` (what it reads of memory, then what it awaits of the key store) made again
   * while more cases were erased meanwhile than memory keeps: what it brought back may be a
   * key erased since. After `LOOKUP_ATTEMPTS`, it gives up rather than trust it.
   */
  private async withErasuresKept<T>(lookUp: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const mark = this.cache.erasureMark();
      const found = await lookUp();
      if (this.cache.remembersErasuresSince(mark)) return found;
      if (attempt === LOOKUP_ATTEMPTS) throw erasuresOutran();
    }
  }

  /** Keeps what is now known of a case's key; an erasure also drops what was opened of it. */
  private learn(stream: string, key: CaseKey): CaseKey {
    const kept = this.cache.set(caseIdOf(stream), key);
    if (kept.state === 'erased') this.opened.forgetStream(stream);
    return kept;
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.open(await this.stored.readStream(stream, options), this.opened);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.open(await this.stored.readAll(options));
  }

  subscribe(options: SubscribeOptions): Subscription {
    const reads = options.readsDataOf && new Set(options.readsDataOf);
    return this.stored.subscribe({
      ...options,
      handle: async (batch) =>
        options.handle(
          reads
            ? await this.openOnly(batch, (event) => reads.has(event.type))
            : await this.open(batch),
        ),
    });
  }

  /** The batch with only the events the reader needs opened (erasures are always seen). */
  private async openOnly(
    batch: RecordedEvent[],
    reads: (event: RecordedEvent) => boolean,
  ): Promise<RecordedEvent[]> {
    const needed = (event: RecordedEvent) => reads(event) || event.type === 'PersonalDataErased';
    const opened = await this.open(batch.filter(needed));
    let next = 0;
    return batch.map((event) => (needed(event) ? opened[next++] : event));
  }

  headPosition(category?: string) {
    return this.stored.headPosition(category);
  }

  countAfter(...args: Parameters<EventStore['countAfter']>) {
    return this.stored.countAfter(...args);
  }

  verify(stream: string) {
    return this.stored.verify(stream);
  }

  close(): Promise<void> {
    return this.stored.close();
  }

  /** What is known of a case's key now (for the case page and the chain audit). */
  async keyOf(caseId: string): Promise<CaseKey['state']> {
    return (this.cache.get(caseId) ?? (await this.keys.find(caseId))).state;
  }

  /** Those of these cases with no key, present or erased: their sealed data cannot be read. */
  casesWithoutKey(caseIds: readonly string[]): Promise<string[]> {
    return this.keys.withoutKey(caseIds);
  }

  /** Deletes the case's key: its personal data cannot be read again, here or in a copy of the events. */
  async forget(caseId: string, at: Date): Promise<void> {
    await this.keys.erase(caseId, at);
    this.learn(caseStream(caseId), { state: 'erased', erasedAt: at });
  }

  /**
   * Events as the application reads them: personal data decrypted, or marked erased or
   * unreadable. With `remember`, what is decrypted is kept there and what is kept is used.
   */
  private async open(events: RecordedEvent[], remember?: OpenedValues): Promise<RecordedEvent[]> {
    // Erased elsewhere (another replica) and not yet here: no event of it opens with a key still held.
    for (const event of events)
      if (event.type === 'PersonalDataErased')
        this.learn(event.stream, { state: 'erased', erasedAt: new Date(event.recordedAt) });
    const { keys, uncached, found } = await this.withErasuresKept(async () => {
      // Each case's key looked up once; those not in memory fetched together.
      const held = new Map<string, CaseKey | undefined>();
      for (const event of events)
        if (isSealed(event.data) && !held.has(event.stream))
          held.set(event.stream, this.cache.get(caseIdOf(event.stream)));
      const missing = [...held].filter(([, key]) => !key).map(([stream]) => stream);
      const answer = missing.length > 0 ? await this.keys.findAll(missing.map(caseIdOf)) : null;
      return { keys: held, uncached: missing, found: answer };
    });
    // Erased while they were looked up: a key held from before does not open it.
    for (const stream of keys.keys()) {
      const now = this.cache.get(caseIdOf(stream));
      if (now?.state === 'erased') keys.set(stream, now);
    }
    for (const stream of uncached)
      keys.set(stream, this.learn(stream, found?.get(caseIdOf(stream)) ?? { state: 'missing' }));
    return events.map((event) =>
      isSealed(event.data)
        ? this.openOne(event, event.data, keys.get(event.stream) ?? { state: 'missing' }, remember)
        : event,
    );
  }

  private openOne(
    event: RecordedEvent,
    data: Data & { [SEALED]: SealedFields },
    key: CaseKey,
    remember?: OpenedValues,
  ): RecordedEvent {
    const sealed = data[SEALED];
    const values = key.state === 'present' ? decrypt(key.key, event, sealed, remember) : null;
    const personalData = values ? undefined : key.state === 'erased' ? 'erased' : 'unreadable';
    const shown =
      values ??
      sealed.fields.map(() => (personalData === 'erased' ? ERASED_TEXT : UNREADABLE_TEXT));
    const opened = { ...event, data: withPersonalValues(event.type, data, sealed.fields, shown) };
    return withStoredData(personalData ? { ...opened, personalData } : opened, data);
  }
}

/** The sealed values in clear, or null when they do not open with this key (or for this event). */
function decrypt(
  key: Buffer,
  event: RecordedEvent,
  sealed: SealedFields,
  remember?: OpenedValues,
): unknown[] | null {
  const aad = aadOf(event.stream, event.id);
  // Kept only once opened with the case's key: found again only for this event and these bytes.
  let plaintext = remember?.get(aad, sealed.values);
  if (plaintext === undefined)
    try {
      plaintext = unseal(key, Buffer.from(sealed.values, 'base64'), aad).toString('utf8');
      remember?.set(aad, sealed.values, plaintext);
    } catch {
      // Changed after it was stored: the chain audit names it; the reader sees it unreadable.
      return null;
    }
  // Parsed afresh each time: a reader changing what it was given cannot change what is kept.
  return JSON.parse(plaintext) as unknown[];
}

/** The events as stored, each one's personal fields (taken out before) sealed with the case's key. */
function sealAll(
  stream: string,
  events: readonly NewEvent[],
  taken: readonly (PersonalValues | null)[],
  key: Buffer | null,
): NewEvent[] {
  return events.map((event, i) => {
    const personal = taken[i];
    if (!personal) return event;
    const values = seal(key!, JSON.stringify(personal.values), aadOf(stream, event.id));
    const data: Data = personal.rest;
    data[SEALED] = {
      fields: personal.fields,
      values: values.toString('base64'),
    } satisfies SealedFields;
    return { ...event, data };
  });
}

/** The data as stored, with its personal values put back where its type keeps them (and no sealed values). */
function withPersonalValues(
  type: string,
  stored: Data,
  fields: readonly string[],
  values: readonly unknown[],
): Data {
  const { plan, names } = personalFieldsOfType(type);
  const opened = withPlannedValues(stored, plan, fields, values, SEALED);
  // Sealed when personal, no longer so: put back where it was named.
  const unplanned = fields.flatMap((name, i) => (names.has(name) ? [] : [i]));
  if (unplanned.length === 0) return opened;
  return withValuesAt(
    opened,
    unplanned.map((i) => pathOf(fields[i])),
    unplanned.map((i) => values[i]),
  );
}

/** An event's personal values present (not null, not absent), and a copy of its data without them. */
interface PersonalValues {
  rest: Data;
  fields: string[];
  values: unknown[];
}

/** The event's personal values, or null when it has none. */
function takePersonal(data: Data, personal: PersonalFields): PersonalValues | null {
  const fields: string[] = [];
  const values: unknown[] = [];
  for (const { name, path } of personal.fields) {
    const value = valueAt(data, path);
    if (value === undefined || value === null) continue;
    fields.push(name);
    values.push(value);
  }
  return fields.length === 0
    ? null
    : { rest: withoutValuesAt(data, personal.plan), fields, values };
}
