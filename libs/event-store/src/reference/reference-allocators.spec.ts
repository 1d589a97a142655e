import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { referenceAllocatorContract } from '../testing/reference-allocator.contract';
import {
  CounterStreamReferenceAllocator,
  ReferenceAllocationError,
} from './counter-stream-reference-allocator';
import { formatReference, parseReference } from './reference-allocator.port';
import {
  forgetReferencesWithoutCases,
  SqliteReferenceAllocator,
} from './sqlite-reference-allocator';
import { newEvent } from '../testing/event-store.contract';
import { ConcurrencyError } from '../event-store.errors';
import type { EventStore } from '../event-store.port';

const sqliteStore = () =>
  new SqliteEventStore({ filename: join(mkdtempSync(join(tmpdir(), 'clf-ref-')), 'events.db') });

describe('SqliteReferenceAllocator (contract)', () => {
  referenceAllocatorContract(async () => {
    const store = sqliteStore();
    return { allocator: new SqliteReferenceAllocator(store), close: () => store.close() };
  });
});

describe('CounterStreamReferenceAllocator on SQLite (contract)', () => {
  referenceAllocatorContract(async () => {
    const store = sqliteStore();
    return { allocator: new CounterStreamReferenceAllocator(store), close: () => store.close() };
  });
});

describe('CounterStreamReferenceAllocator retries', () => {
  /** A store whose first `losses` appends lose the race. */
  function losingStore(inner: EventStore, losses: number): EventStore {
    let lost = 0;
    return Object.assign(Object.create(inner) as EventStore, {
      readStream: inner.readStream.bind(inner),
      append: async (...args: Parameters<EventStore['append']>) => {
        if (lost < losses) {
          lost += 1;
          throw new ConcurrencyError(args[0], args[2], 'no-stream');
        }
        return inner.append(...args);
      },
    });
  }
  const noWait = (attempts: number) => ({ attempts, backoff: async () => {} });

  it('reads again and retries after losing a race', async () => {
    const store = sqliteStore();
    const allocator = new CounterStreamReferenceAllocator(losingStore(store, 3), noWait(5));
    expect(await allocator.next('DMM', 2026, 'case-1')).toBe('DMM-2026-00001');
    await store.close();
  });

  it('gives up with a clear error after the allowed attempts', async () => {
    const store = sqliteStore();
    const allocator = new CounterStreamReferenceAllocator(losingStore(store, 10), noWait(3));
    await expect(allocator.next('DMM', 2026, 'case-1')).rejects.toThrow(ReferenceAllocationError);
    await store.close();
  });
});

it('formats references with five digits', () => {
  expect(formatReference('DMM', 2026, 42)).toBe('DMM-2026-00042');
  expect(formatReference('MAC', 2027, 123456)).toBe('MAC-2027-123456');
});

it('reads a reference back into its parts, and refuses anything else', () => {
  expect(parseReference('DMM-2026-00042')).toEqual({ prefix: 'DMM', year: 2026, sequence: 42 });
  expect(parseReference('MAC-2027-123456')).toEqual({
    prefix: 'MAC',
    year: 2027,
    sequence: 123456,
  });
  for (const bad of ['DMM-2026-42', 'dmm-2026-00042', 'DMM-26-00042', 'DMM-2026-00000', '../etc'])
    expect(parseReference(bad)).toBeNull();
});

it('gives a case the same reference however often the SQLite allocator is asked', async () => {
  const store = sqliteStore();
  const allocator = new SqliteReferenceAllocator(store);
  const first = await allocator.next('DMM', 2026, 'case-a');
  expect(await allocator.next('DMM', 2026, 'case-a')).toBe(first);
  expect(await allocator.next('DMM', 2026, 'case-b')).toBe('DMM-2026-00002');
  await store.close();
});

it('forgets, in a copy taken at one instant, the references of cases it does not hold', async () => {
  const store = sqliteStore();
  const allocator = new SqliteReferenceAllocator(store);
  for (const id of ['case-a', 'case-b', 'case-c']) await allocator.next('DMM', 2026, id);
  await allocator.next('MAC', 2026, 'case-m');
  // a and b were recorded; c and m had their numbers, but not yet their first event.
  for (const id of ['case-a', 'case-b'])
    await store.append(`clfcase-${id}`, [newEvent()], 'no-stream');

  forgetReferencesWithoutCases(store.database, 'clfcase');

  expect(await allocator.caseIdOf('DMM-2026-00002')).toBe('case-b');
  expect(await allocator.caseIdOf('DMM-2026-00003')).toBeNull();
  expect(await allocator.caseIdOf('MAC-2026-00001')).toBeNull();
  expect(await allocator.next('DMM', 2026, 'case-d')).toBe('DMM-2026-00003');
  expect(await allocator.next('MAC', 2026, 'case-n')).toBe('MAC-2026-00001');
  await store.close();
});
