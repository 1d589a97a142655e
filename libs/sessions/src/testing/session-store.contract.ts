import type { SessionRecord, SessionStore } from '../session-store.port';

const at = (time: string) => new Date(`2026-12-07T${time}:00.000Z`);

const session = (id: string, personId: string | null, createdAt: Date): SessionRecord => ({
  id,
  personId,
  csrfToken: `csrf-${id}`,
  createdAt,
  lastSeenAt: createdAt,
});

/** What every session store must do: the same suite runs on SQLite and, given a server, MongoDB. */
export function sessionStoreContract(open: () => Promise<SessionStore>): void {
  let store: SessionStore;
  beforeEach(async () => (store = await open()));
  afterEach(() => store.close());

  it('finds a session by its id, and nothing by another', async () => {
    await store.create(session('a', 'ann', at('09:00')));
    expect(await store.find('a')).toEqual(session('a', 'ann', at('09:00')));
    expect(await store.find('b')).toBeUndefined();
  });

  it('keeps a visitor’s session that has no person', async () => {
    await store.create(session('v', null, at('09:00')));
    expect((await store.find('v'))?.personId).toBeNull();
  });

  it('records when a session was last used', async () => {
    await store.create(session('a', 'ann', at('09:00')));
    await store.touch('a', at('09:20'));
    expect((await store.find('a'))?.lastSeenAt).toEqual(at('09:20'));
  });

  it('ends one session, or every session of one person', async () => {
    await store.create(session('a1', 'ann', at('09:00')));
    await store.create(session('a2', 'ann', at('09:05')));
    await store.create(session('b1', 'bob', at('09:05')));
    await store.remove('a1');
    expect(await store.find('a1')).toBeUndefined();
    expect(await store.removeForPerson('ann')).toBe(1);
    expect(await store.find('a2')).toBeUndefined();
    expect(await store.find('b1')).toBeDefined();
  });

  it('forgets sessions idle too long or begun too long ago, and keeps the rest', async () => {
    await store.create(session('old', 'ann', at('01:00')));
    await store.create(session('idle', 'bob', at('08:00')));
    await store.create(session('live', 'cat', at('08:00')));
    await store.touch('old', at('09:50'));
    await store.touch('live', at('09:50'));
    expect(await store.removeExpired(at('09:30'), at('02:00'))).toBe(2);
    expect(await store.find('live')).toBeDefined();
  });
}
