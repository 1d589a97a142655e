import {
  categoryOf,
  STORED_DATA,
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
import { CASE_CATEGORY, caseIdOf, ERASED_TEXT, personalFieldsOf, UNREADABLE_TEXT } from '#domain';
import type { CaseKey, CaseKeyStore } from './case-key-store.port';
import { CaseKeyCache } from './case-key-cache';
import { PersonalDataErasedError } from './personal-data-erased.error';
import { seal, unseal } from './sealing/aes-gcm';
import { valueAt, withoutValueAt, withValuesAt, type FieldPath } from './sealing/personal-paths';

/** Where an event's personal fields go once sealed: their names in clear, their values encrypted. */
export interface SealedFields {
  fields: string[];
  /** base64 of `iv ‖ ciphertext ‖ tag` of the JSON array of the values, in the order of `fields`. */
  values: string;
}

export const SEALED = 'sealed';

type Data = Record<string, unknown>;

const pathsByType = new Map<string, { name: string; path: FieldPath }[]>();
function pathsOf(type: string) {
  let paths = pathsByType.get(type);
  if (!paths) {
    paths = personalFieldsOf(type).map((name) => ({ name, path: name.split('.') }));
    pathsByType.set(type, paths);
  }
  return paths;
}

const isSealed = (data: unknown): data is Data & { [SEALED]: SealedFields } =>
  typeof data === 'object' && data !== null && SEALED in data;

/** Whether an event's data, parsed or as its stored JSON text, holds sealed personal fields. */
export function holdsSealedData(data: unknown): boolean {
  if (typeof data === 'string') return data.includes(`"${SEALED}":{`);
  return typeof data === 'object' && data !== null && SEALED in data;
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
  private readonly cache: CaseKeyCache;
  /** Per stream, the last append still being sealed: the next one waits until it is handed over. */
  private readonly handingOver = new Map<string, Promise<void>>();

  constructor(
    /** The events as stored (sealed): what the chain audit and backups read. */
    readonly stored: EventStore,
    private readonly keys: CaseKeyStore,
    cacheSize = 10_000,
  ) {
    this.cache = new CaseKeyCache(cacheSize);
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (categoryOf(stream) !== CASE_CATEGORY) return this.stored.append(stream, events, expected);
    // The common case: nothing of this stream waits to be handed over, and its key is in memory.
    if (!this.handingOver.has(stream)) {
      const cached = this.cache.get(caseIdOf(stream));
      const sealed = this.sealAll(stream, events, cached?.state === 'present' ? cached.key : null);
      if (sealed) return this.stored.append(stream, sealed, expected);
    }
    // Sealing waits for a key: appends to a stream still reach the store in the order sent.
    const before = this.handingOver.get(stream) ?? Promise.resolve();
    const handed = before.then(async () => {
      const sealed =
        this.sealAll(stream, events, null) ??
        this.sealAll(stream, events, await this.keyToWrite(caseIdOf(stream)))!;
      return { appended: this.stored.append(stream, sealed, expected) };
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

  /** The events as stored, each one's personal fields sealed with the key; null when one needs a key not given. */
  private sealAll(
    stream: string,
    events: readonly NewEvent[],
    key: Buffer | null,
  ): NewEvent[] | null {
    const sealed: NewEvent[] = [];
    for (const event of events) {
      const taken = takePersonal(event.data as Data, pathsOf(event.type));
      if (!taken) {
        sealed.push(event);
        continue;
      }
      if (key === null) return null;
      const values = seal(key, Buffer.from(JSON.stringify(taken.values)), aadOf(stream, event.id));
      const fields: SealedFields = { fields: taken.fields, values: values.toString('base64') };
      sealed.push({ ...event, data: { ...taken.rest, [SEALED]: fields } });
    }
    return sealed;
  }

  private async keyToWrite(caseId: string): Promise<Buffer> {
    const cached = this.cache.get(caseId);
    const known = cached?.state === 'present' ? cached : await this.keys.keyFor(caseId);
    if (known.state !== 'present') throw new PersonalDataErasedError(caseId);
    this.cache.set(caseId, known);
    return known.key;
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.open(await this.stored.readStream(stream, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.open(await this.stored.readAll(options));
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.stored.subscribe({
      ...options,
      handle: async (batch) => options.handle(await this.open(batch)),
    });
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
    this.cache.set(caseId, { state: 'erased', erasedAt: at });
  }

  /** Events as the application reads them: personal data decrypted, or marked erased or unreadable. */
  private async open(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // Erased elsewhere (another replica) and not yet here: no event of it opens with a key still held.
    for (const event of events)
      if (event.type === 'PersonalDataErased')
        this.cache.set(caseIdOf(event.stream), {
          state: 'erased',
          erasedAt: new Date(event.recordedAt),
        });
    // The keys not in memory, fetched once each; then every event opens without waiting.
    const uncached = new Set<string>();
    for (const event of events)
      if (isSealed(event.data) && !this.cache.get(caseIdOf(event.stream)))
        uncached.add(caseIdOf(event.stream));
    for (const caseId of uncached) this.cache.set(caseId, await this.keys.find(caseId));
    return events.map((event) => (isSealed(event.data) ? this.openOne(event, event.data) : event));
  }

  private openOne(event: RecordedEvent, data: Data & { [SEALED]: SealedFields }): RecordedEvent {
    const caseId = caseIdOf(event.stream);
    const key = this.cache.get(caseId) ?? { state: 'missing' };
    const { [SEALED]: sealed, ...clear } = data;
    const paths = sealed.fields.map((name) => name.split('.'));
    const values = key.state === 'present' ? this.decrypt(key.key, event, sealed) : null;
    if (values) {
      const opened = withValuesAt(clear, paths, values);
      return withStoredData({ ...event, data: opened }, data);
    }
    const personalData = key.state === 'erased' ? 'erased' : 'unreadable';
    const marker = personalData === 'erased' ? ERASED_TEXT : UNREADABLE_TEXT;
    const marked = withValuesAt(
      clear,
      paths,
      paths.map(() => marker),
    );
    return withStoredData({ ...event, data: marked, personalData }, data);
  }

  private decrypt(key: Buffer, event: RecordedEvent, sealed: SealedFields): unknown[] | null {
    try {
      const plain = unseal(
        key,
        Buffer.from(sealed.values, 'base64'),
        aadOf(event.stream, event.id),
      );
      return JSON.parse(plain.toString('utf8')) as unknown[];
    } catch {
      // Changed after it was stored: the chain audit names it; the reader sees it unreadable.
      return null;
    }
  }
}

/** The opened event, still hashing as stored (`STORED_DATA`). */
function withStoredData(opened: RecordedEvent, stored: Data): RecordedEvent {
  STORED_DATA.set(opened, stored);
  return opened;
}

/** The event's personal values present (not null, not absent), and its data without them; null when it has none. */
function takePersonal(data: Data, paths: readonly { name: string; path: FieldPath }[]) {
  let rest = data;
  const fields: string[] = [];
  const values: unknown[] = [];
  for (const { name, path } of paths) {
    const value = valueAt(rest, path);
    if (value === undefined || value === null) continue;
    rest = withoutValueAt(rest, path);
    fields.push(name);
    values.push(value);
  }
  return fields.length === 0 ? null : { rest, fields, values };
}
