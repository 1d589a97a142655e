import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventStoreUnavailableError,
  SqliteEventStore,
  verifyChain,
  type RecordedEvent,
} from '#event-store';
import { caseIdOf, caseStream, ERASED_TEXT, UNREADABLE_TEXT } from '#domain';
import { newDataKey, seal } from './sealing/aes-gcm';
import { SqliteCaseKeyStore } from './sqlite/sqlite-case-key-store';
import { SealedEventStore } from './sealed-event-store';
import { OpenedValues } from './opened-values';
import { CaseKeyCache } from './case-key-cache';
import { PersonalDataErasedError } from './personal-data-erased.error';
import { caseEvent } from './testing/case-event';

const event = caseEvent;
const received = () =>
  event('CaseReceived', {
    reference: 'DMM-2026-00001',
    kind: 'complaint',
    summary: 'Jane Doe says her marking was late',
    details: null,
    complainant: { name: 'Jane Doe', email: 'jane@example.org', role: 'learner', under18: true },
    representative: null,
    categories: ['assessment'],
  });

function stores() {
  const directory = mkdtempSync(join(tmpdir(), 'clf-sealed-'));
  const stored = new SqliteEventStore({
    filename: join(directory, 'events.db'),
    clock: () => new Date('2026-12-01T09:00:05Z'),
  });
  const masterKey = newDataKey();
  const keys = new SqliteCaseKeyStore(join(directory, 'case-keys.db'), masterKey);
  return { directory, stored, keys, masterKey, sealed: new SealedEventStore(stored, keys) };
}

const dataOf = (events: RecordedEvent[]) => events.map((e) => e.data);

/**
 * The key store with its first `keyFor` held once it has read the key, until `release`;
 * then it answers with what it read, or fails with `failure`.
 */
function holdingFirstKeyFor(keys: SqliteCaseKeyStore, failure?: Error) {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let looked: () => void = () => {};
  const lookedUp = new Promise<void>((resolve) => (looked = resolve));
  let first = true;
  const slowKeys = Object.assign(Object.create(keys) as SqliteCaseKeyStore, {
    keyFor: async (caseId: string) => {
      const found = await keys.keyFor(caseId);
      if (!first) return found;
      first = false;
      looked();
      await held;
      if (failure) throw failure;
      return found;
    },
  });
  return { slowKeys, lookedUp, release };
}

/** Stores with two cases recorded: `stream`'s, and another's. */
async function twoCases(stream: string) {
  const { stored, keys, sealed: writer } = stores();
  const other = caseStream(randomUUID());
  await writer.append(stream, [received()], 'no-stream');
  await writer.append(other, [received()], 'no-stream');
  return { stored, keys, writer, other };
}

/** Counts the plaintexts found kept, instead of decrypted again. */
class CountingOpenedValues extends OpenedValues {
  found = 0;
  override get(aad: string, sealedValues: string): string | undefined {
    const plaintext = super.get(aad, sealedValues);
    if (plaintext !== undefined) this.found += 1;
    return plaintext;
  }
}

/**
 * The key store with its `findAll` held once it has read the keys (for the lookups `holds`
 * picks), until `release`: a lookup still on its way while something else happens.
 */
function holdingLookups(keys: SqliteCaseKeyStore, holds: (caseIds: readonly string[]) => boolean) {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let looked: () => void = () => {};
  const lookedUp = new Promise<void>((resolve) => (looked = resolve));
  const slowKeys = Object.assign(Object.create(keys) as SqliteCaseKeyStore, {
    findAll: async (caseIds: readonly string[]) => {
      const found = await keys.findAll(caseIds);
      if (holds(caseIds)) {
        looked();
        await held;
      }
      return found;
    },
  });
  return { slowKeys, lookedUp, release };
}

describe('SealedEventStore: each case’s personal data encrypted with its own key', () => {
  const caseId = randomUUID();
  const stream = caseStream(caseId);

  it('reads back a field sealed while it was personal, though its type no longer names it', async () => {
    const { stored, keys, sealed } = stores();
    const key = await keys.keyFor(caseId);
    if (key.state !== 'present') throw new Error('no key');
    const earlier = event('NoteAdded', { noteId: null, visibility: 'internal' });
    const values = seal(key.key, Buffer.from(JSON.stringify(['n-1'])), `${stream}/${earlier.id}`);
    (earlier.data as Record<string, unknown>).sealed = {
      fields: ['noteId'],
      values: values.toString('base64'),
    };
    await stored.append(stream, [earlier], 'any');
    const [read] = await sealed.readStream(stream);
    expect(read.data).toEqual({ noteId: 'n-1', visibility: 'internal' });
    expect(read.personalData).toBeUndefined();
  });

  it('stores the personal fields encrypted and reads them back as they were given', async () => {
    const { directory, stored, sealed } = stores();
    const given = received();
    await sealed.append(stream, [given], 'no-stream');

    expect(dataOf(await sealed.readStream(stream))).toEqual([given.data]);
    const [raw] = await stored.readStream(stream);
    expect(raw.data).toEqual({
      reference: 'DMM-2026-00001',
      kind: 'complaint',
      details: null,
      complainant: { role: 'learner', under18: true },
      representative: null,
      categories: ['assessment'],
      sealed: {
        fields: ['summary', 'complainant.name', 'complainant.email'],
        values: expect.any(String),
      },
    });
    await sealed.close();
    const file = readFileSync(join(directory, 'events.db'));
    expect(file.includes('Jane Doe')).toBe(false);
    expect(file.includes('jane@example.org')).toBe(false);
  });

  it('gives the same events to readAll and to a subscription', async () => {
    const { sealed } = stores();
    const given = received();
    await sealed.append(stream, [given], 'no-stream');
    expect(dataOf(await sealed.readAll())).toEqual([given.data]);
    const delivered = await new Promise<RecordedEvent[]>((resolve) => {
      const subscription = sealed.subscribe({
        handle: (batch) => {
          resolve(batch);
          void subscription.stop();
        },
      });
    });
    expect(dataOf(delivered)).toEqual([given.data]);
    await sealed.close();
  });

  it('opens for a subscription only the types it reads, delivering the rest as stored, and still sees erasures', async () => {
    const { sealed } = stores();
    const other = caseStream(randomUUID());
    const note = event('NoteAdded', { text: 'Called Jane back' });
    await sealed.append(stream, [received(), note], 'no-stream');
    await sealed.append(other, [received()], 'no-stream');
    const erased = event('PersonalDataErased', { reason: 'Asked for', fields: ['summary'] });
    await sealed.stored.append(other, [erased], 'any');
    const delivered = await new Promise<RecordedEvent[]>((resolve) => {
      const subscription = sealed.subscribe({
        readsDataOf: ['NoteAdded'],
        handle: (batch) => {
          resolve(batch);
          void subscription.stop();
        },
      });
    });
    expect(delivered.map((e) => e.type)).toEqual([
      'CaseReceived',
      'NoteAdded',
      'CaseReceived',
      'PersonalDataErased',
    ]);
    expect(delivered[0].data).toHaveProperty('sealed');
    expect(delivered[1].data).toEqual(note.data);
    expect(delivered[2].data).toHaveProperty('sealed');
    // The erasure seen there is known at once, before the key store hears of it.
    expect(await sealed.keyOf(caseIdOf(other))).toBe('erased');
    await sealed.close();
  });

  it('leaves events with no personal data, and other streams, as they are, making no key', async () => {
    const { stored, keys, sealed } = stores();
    const missed = event('DeadlineMissed', { kind: 'acknowledgement', stage: 1 });
    await sealed.append(stream, [missed], 'no-stream');
    const staff = event('StaffMemberAdded', { id: 'u-ann', name: 'Ann Lee' });
    await sealed.append('staff-u-ann', [staff], 'no-stream');
    expect(dataOf(await stored.readAll())).toEqual([missed.data, staff.data]);
    expect(await keys.find(caseId)).toEqual({ state: 'missing' });
    await sealed.close();
  });

  it('after the key is forgotten: reads say erased, the chain still verifies, nothing personal is taken', async () => {
    const { sealed } = stores();
    await sealed.append(
      stream,
      [received(), event('NoteAdded', { text: 'Called Jane' })],
      'no-stream',
    );
    await sealed.forget(caseId, new Date('2026-12-06T10:00:00Z'));

    const events = await sealed.readStream(stream);
    expect(events.map((e) => e.personalData)).toEqual(['erased', 'erased']);
    expect(events[0].data).toMatchObject({
      summary: ERASED_TEXT,
      complainant: { name: ERASED_TEXT, email: ERASED_TEXT, role: 'learner', under18: true },
      categories: ['assessment'],
    });
    expect(events[1].data).toEqual({ text: ERASED_TEXT });
    expect(await sealed.verify(stream)).toMatchObject({ valid: true, events: 2 });
    expect(await sealed.keyOf(caseId)).toBe('erased');

    await expect(
      sealed.append(stream, [event('NoteAdded', { text: 'Jane called back' })], 'any'),
    ).rejects.toThrow(PersonalDataErasedError);
    await sealed.append(stream, [event('DeadlineMissed', { kind: 'response', stage: 1 })], 'any');
    await sealed.close();
  });

  it('marks the data unreadable, not erased, when the key is missing though nothing erased it', async () => {
    const { directory, stored, sealed } = stores();
    await sealed.append(stream, [received()], 'no-stream');
    const elsewhere = new SqliteCaseKeyStore(join(directory, 'other-keys.db'), newDataKey());
    const [read] = await new SealedEventStore(stored, elsewhere).readStream(stream);
    expect(read.personalData).toBe('unreadable');
    expect(read.data).toMatchObject({ summary: UNREADABLE_TEXT });
    await sealed.close();
  });

  it('never opens an erased case with a key that a slower lookup brings back after the erasure', async () => {
    const { stored, keys, sealed: writer } = stores();
    await writer.append(stream, [received()], 'no-stream');
    const { slowKeys, lookedUp, release } = holdingLookups(keys, () => true);
    const reader = new SealedEventStore(stored, slowKeys);
    const reading = reader.readStream(stream);
    await lookedUp; // the key was read, present, and is on its way back
    await reader.forget(caseId, new Date('2026-12-01T10:00:00Z'));
    release();
    const [opened] = await reading;
    expect(opened.personalData).toBe('erased');
    expect(opened.data).toMatchObject({ summary: ERASED_TEXT });
    expect(await reader.keyOf(caseId)).toBe('erased');
    await reader.close();
  });

  it('keeps what a stream read opened, for the next read, and drops it when the case is erased', async () => {
    const { stored, keys } = stores();
    const opened = new CountingOpenedValues();
    const sealed = new SealedEventStore(stored, keys, undefined, opened);
    const other = caseStream(randomUUID());
    await sealed.append(
      stream,
      [received(), event('NoteAdded', { text: 'Called Jane' })],
      'no-stream',
    );
    await sealed.append(other, [received()], 'no-stream');
    const first = await sealed.readStream(stream);
    await sealed.readStream(other);
    expect(opened.size).toBe(3);

    const again = await sealed.readStream(stream);
    expect(dataOf(again)).toEqual(dataOf(first));
    expect(opened.found).toBe(2);
    // Each read is given its own copy: changing one changes nothing kept.
    (again[0].data as { summary: string }).summary = 'changed';
    expect(dataOf(await sealed.readStream(stream))).toEqual(dataOf(first));

    await sealed.forget(caseId, new Date('2026-12-01T10:00:00Z'));
    expect(opened.size).toBe(1);
    const [erased] = await sealed.readStream(stream);
    expect(erased.data).toMatchObject({ summary: ERASED_TEXT });
    expect(opened.size).toBe(1);
    await sealed.close();
  });

  it('drops what it kept of a case erased elsewhere as soon as it reads the erasure', async () => {
    const { stored, keys, sealed: writer } = stores();
    await writer.append(stream, [received()], 'no-stream');
    const opened = new OpenedValues();
    const reader = new SealedEventStore(stored, keys, undefined, opened);
    await reader.readStream(stream);
    expect(opened.size).toBe(1);
    // Another replica erases: the key goes, and the erasure is recorded in the stream.
    await writer.forget(caseId, new Date('2026-12-01T10:00:00Z'));
    await stored.append(stream, [event('PersonalDataErased', { reason: 'Asked by Jane' })], 0);
    const [read] = await reader.readStream(stream);
    expect(read.personalData).toBe('erased');
    expect(opened.size).toBe(0);
    await reader.close();
  });

  it('opens no case erased while the keys of others were looked up, with the key it held before', async () => {
    const { stored, keys, other } = await twoCases(stream);
    const { slowKeys, lookedUp, release } = holdingLookups(keys, (caseIds) =>
      caseIds.includes(caseIdOf(other)),
    );
    const reader = new SealedEventStore(stored, slowKeys);
    await reader.readStream(stream); // its key now held in memory
    const reading = reader.readAll();
    await lookedUp; // the other case's key is on its way
    await reader.forget(caseId, new Date('2026-12-01T10:00:00Z'));
    release();
    const read = await reading;
    expect(read.find((e) => e.stream === stream)?.personalData).toBe('erased');
    expect(read.find((e) => e.stream === other)?.personalData).toBeUndefined();
    await reader.close();
  });

  it('opens no case erased while others were looked up, though as many keys were read meanwhile as memory holds', async () => {
    const { stored, keys, sealed: writer } = stores();
    const others = [caseStream(randomUUID()), caseStream(randomUUID())];
    for (const each of [stream, ...others]) await writer.append(each, [received()], 'no-stream');
    const { slowKeys, lookedUp, release } = holdingLookups(keys, (caseIds) => caseIds.length > 1);
    const reader = new SealedEventStore(stored, slowKeys, new CaseKeyCache(2));
    await reader.readStream(stream); // its key now held in memory
    const reading = reader.readAll();
    await lookedUp; // the other two cases' keys are on their way, enough to fill the memory
    await reader.forget(caseId, new Date('2026-12-01T10:00:00Z'));
    release();
    const read = await reading;
    expect(read.find((e) => e.stream === stream)?.personalData).toBe('erased');
    await reader.close();
  });

  it('drops what it kept of a case as soon as it finds the case’s key erased', async () => {
    const { stored, keys, writer, other } = await twoCases(stream);
    const opened = new OpenedValues();
    // Room for one key: reading the other case pushes this one's out of memory.
    const reader = new SealedEventStore(stored, keys, new CaseKeyCache(1), opened);
    await reader.readStream(stream);
    await reader.readStream(other);
    await writer.forget(caseId, new Date('2026-12-01T10:00:00Z')); // erased by another replica
    const [read] = await reader.readStream(stream);
    expect(read.personalData).toBe('erased');
    expect(opened.size).toBe(1); // the other case's only
    await reader.close();
  });

  it('asks again for a key held from before when more cases were erased meanwhile than memory keeps', async () => {
    const { stored, keys, sealed: writer } = stores();
    await writer.append(stream, [received()], 'no-stream');
    let holding = true;
    const { slowKeys, lookedUp, release } = holdingLookups(keys, () => {
      const holds = holding;
      holding = false;
      return holds;
    });
    const opened = new OpenedValues();
    const reader = new SealedEventStore(stored, slowKeys, new CaseKeyCache(10, 2), opened);
    const reading = reader.readStream(stream);
    await lookedUp; // the key was read, present, and is on its way back
    await reader.forget(caseId, new Date('2026-12-01T10:00:00Z'));
    for (const other of [randomUUID(), randomUUID()])
      await reader.forget(other, new Date('2026-12-01T10:01:00Z'));
    release();
    const [read] = await reading;
    expect(read.personalData).toBe('erased');
    expect(await reader.keyOf(caseId)).toBe('erased');
    expect(opened.size).toBe(0);
    await reader.close();
  });

  it('gives up, rather than loop, when readers keep erasing more from memory than it keeps', async () => {
    const { stored, keys, sealed: writer } = stores();
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await writer.append(caseStream(id), [received()], 'no-stream');
    for (const id of ids) {
      await writer.forget(id, new Date('2026-12-01T10:00:00Z'));
      await writer.append(caseStream(id), [event('PersonalDataErased', {})], 'any');
    }
    let lookups = 0;
    const countingKeys = Object.assign(Object.create(keys) as SqliteCaseKeyStore, {
      findAll: async (caseIds: readonly string[]) => {
        lookups += 1;
        return keys.findAll(caseIds);
      },
    });
    // Each read puts back four erasures, twice what memory keeps: each defeats the other's check.
    const reader = new SealedEventStore(stored, countingKeys, new CaseKeyCache(10, 2));
    const reads = await Promise.allSettled([reader.readAll(), reader.readAll()]);
    expect(lookups).toBeLessThanOrEqual(6);
    for (const read of reads)
      if (read.status === 'rejected')
        expect(read.reason).toBeInstanceOf(EventStoreUnavailableError);
    await reader.close();
  });

  it('does not open a sealed value moved into another event', async () => {
    const { stored, sealed } = stores();
    await sealed.append(stream, [received()], 'no-stream');
    const [original] = await stored.readStream(stream);
    await sealed.readStream(stream); // what it opened is kept: not for another event
    const copy = event('CaseReceived', original.data);
    await stored.append(stream, [copy], 0);
    const [, moved] = await sealed.readStream(stream);
    expect(moved.personalData).toBe('unreadable');
    await sealed.close();
  });
});

describe('SealedEventStore: the chain over what is stored', () => {
  it('opened events still verify as a chain, before and after erasure', async () => {
    const { sealed } = stores();
    const stream = caseStream(randomUUID());
    await sealed.append(
      stream,
      [received(), event('NoteAdded', { text: 'Called Jane' })],
      'no-stream',
    );
    expect(verifyChain(await sealed.readStream(stream))).toMatchObject({ valid: true });
    await sealed.forget(caseIdOf(stream), new Date());
    expect(verifyChain(await sealed.readStream(stream))).toMatchObject({ valid: true });
    await sealed.close();
  });
});

describe('SealedEventStore: the order of appends', () => {
  it('appends nothing personal to a case erased while its append waited behind another', async () => {
    const { stored, keys, sealed: writer } = stores();
    const caseId = randomUUID();
    const stream = caseStream(caseId);
    await writer.append(stream, [received()], 'no-stream');
    const sealed = new SealedEventStore(stored, keys);
    // Its key is not in memory yet: this append waits for the key store's next turn.
    const first = sealed.append(stream, [event('NoteAdded', { text: 'Jane called' })], 0);
    await sealed.readStream(stream); // the key is now in memory, present
    // Waits behind the first, its key found present at once.
    const second = sealed.append(stream, [event('NoteAdded', { text: 'Jane called again' })], 0);
    await sealed.forget(caseId, new Date('2026-12-01T10:00:00Z'));
    await expect(first).rejects.toThrow(PersonalDataErasedError);
    await expect(second).rejects.toThrow(PersonalDataErasedError);
    expect((await stored.readStream(stream)).map((e) => e.type)).toEqual(['CaseReceived']);
    await sealed.close();
  });

  it('appends nothing personal to a case erased while its append waited behind one that failed, though more cases were erased after it than memory keeps', async () => {
    const { stored, keys, sealed: writer } = stores();
    const caseId = randomUUID();
    const stream = caseStream(caseId);
    await writer.append(stream, [received()], 'no-stream');
    const { slowKeys, lookedUp, release } = holdingFirstKeyFor(
      keys,
      new Error('the key store timed out'),
    );
    const sealed = new SealedEventStore(stored, slowKeys, new CaseKeyCache(10, 1));
    const first = sealed.append(stream, [event('NoteAdded', { text: 'Jane called' })], 'any');
    await lookedUp;
    await sealed.readStream(stream); // the key is now in memory, present
    const second = sealed.append(
      stream,
      [event('NoteAdded', { text: 'Jane called again' })],
      'any',
    );
    await sealed.forget(caseId, new Date('2026-12-01T10:00:00Z'));
    await sealed.forget(randomUUID(), new Date('2026-12-01T10:01:00Z'));
    release();
    await expect(first).rejects.toThrow('the key store timed out');
    await expect(second).rejects.toThrow(PersonalDataErasedError);
    expect((await stored.readStream(stream)).map((e) => e.type)).toEqual(['CaseReceived']);
    await sealed.close();
  });

  it('appends nothing personal to a case erased while its key was on its way, though more cases were erased after it than memory keeps', async () => {
    const { stored, keys, sealed: writer } = stores();
    const caseId = randomUUID();
    const stream = caseStream(caseId);
    await writer.append(stream, [received()], 'no-stream');
    const { slowKeys, lookedUp, release } = holdingFirstKeyFor(keys);
    const sealed = new SealedEventStore(stored, slowKeys, new CaseKeyCache(10, 1));
    const appending = sealed.append(stream, [event('NoteAdded', { text: 'Jane called' })], 0);
    await lookedUp; // the key was read, present, and is on its way back
    await sealed.forget(caseId, new Date('2026-12-01T10:00:00Z'));
    await sealed.forget(randomUUID(), new Date('2026-12-01T10:01:00Z'));
    release();
    await expect(appending).rejects.toThrow(PersonalDataErasedError);
    expect((await stored.readStream(stream)).map((e) => e.type)).toEqual(['CaseReceived']);
    await sealed.close();
  });

  it('hands appends to one stream to the store in the order they were sent, even while a key is made', async () => {
    const { sealed } = stores();
    const stream = caseStream(randomUUID());
    const sent = [
      sealed.append(stream, [received()], 'no-stream'),
      sealed.append(stream, [event('NoteAdded', { text: 'First call' })], 0),
      sealed.append(stream, [event('DeadlineMissed', { kind: 'acknowledgement', stage: 1 })], 1),
      sealed.append(stream, [event('NoteAdded', { text: 'Second call' })], 2),
    ];
    expect((await Promise.all(sent)).map((appended) => appended.nextRevision)).toEqual([
      0, 1, 2, 3,
    ]);
    await sealed.close();
  });

  it('hands appends made together to the store in one turn, though one of them is a new case whose key is made first', async () => {
    const { stored, sealed } = stores();
    const known = caseStream(randomUUID());
    await sealed.append(known, [received()], 'no-stream');
    // The SQLite store commits together what it is given before its next turn (group commit).
    const commits: string[][] = [];
    let open: string[] | null = null;
    const append = stored.append.bind(stored);
    stored.append = (stream, events, expected) => {
      if (!open) {
        const commit: string[] = [];
        open = commit;
        commits.push(commit);
        setImmediate(() => (open = null));
      }
      open.push(stream);
      return append(stream, events, expected);
    };
    const added = caseStream(randomUUID());
    await Promise.all([
      sealed.append(known, [event('NoteAdded', { text: 'Called back' })], 0),
      sealed.append(added, [received()], 'no-stream'),
    ]);
    expect(commits).toEqual([[known, added]]);
    await sealed.close();
  });
});
