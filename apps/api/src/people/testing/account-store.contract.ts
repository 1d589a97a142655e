import type { AccountStore, ApiTokenRecord } from '../account-store.port';

const AT = new Date('2026-11-23T10:00:00Z');

const token = (id: string, personId: string, createdAt: string): ApiTokenRecord => ({
  id,
  personId,
  name: `token ${id}`,
  tokenHash: `hash-${id}`,
  createdAt,
  expiresAt: '2027-02-21T10:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
});

/** What every AccountStore adapter must do; `open` gives a fresh, empty store. */
export function accountStoreContract(open: () => Promise<AccountStore>): void {
  let store: AccountStore;
  beforeEach(async () => (store = await open()));
  afterEach(() => store.close());

  it('keeps one password hash per person, the newest', async () => {
    expect(await store.passwordHash('u-ann')).toBeNull();
    await store.setPasswordHash('u-ann', 'first', AT);
    await store.setPasswordHash('u-ann', 'second', AT);
    expect(await store.passwordHash('u-ann')).toBe('second');
    expect(await store.passwordHash('u-bo')).toBeNull();
  });

  it('gives a reset link back once only', async () => {
    const link = {
      tokenHash: 'h1',
      personId: 'u-ann',
      createdAt: AT.toISOString(),
      expiresAt: '2026-11-24T10:00:00.000Z',
    };
    await store.addResetLink(link);
    expect(await store.takeResetLink('h1')).toEqual(link);
    expect(await store.takeResetLink('h1')).toBeNull();
    expect(await store.takeResetLink('unknown')).toBeNull();
  });

  it('finds a token by its hash, lists a person’s newest first, and records its last use', async () => {
    await store.addApiToken(token('t1', 'u-ann', '2026-11-01T00:00:00.000Z'));
    await store.addApiToken(token('t2', 'u-ann', '2026-11-02T00:00:00.000Z'));
    await store.addApiToken(token('t3', 'u-bo', '2026-11-03T00:00:00.000Z'));
    expect(await store.apiTokenByHash('hash-t2')).toEqual(
      token('t2', 'u-ann', '2026-11-02T00:00:00.000Z'),
    );
    expect(await store.apiTokenByHash('hash-none')).toBeNull();
    expect((await store.apiTokensOf('u-ann')).map((t) => t.id)).toEqual(['t2', 't1']);
    await store.markApiTokenUsed('t1', AT);
    expect((await store.apiTokenByHash('hash-t1'))?.lastUsedAt).toBe(AT.toISOString());
  });

  it('revokes only the person’s own token, once', async () => {
    await store.addApiToken(token('t1', 'u-ann', '2026-11-01T00:00:00.000Z'));
    expect(await store.revokeApiToken('u-bo', 't1', AT)).toBe(false);
    expect(await store.revokeApiToken('u-ann', 't1', AT)).toBe(true);
    expect(await store.revokeApiToken('u-ann', 't1', AT)).toBe(false);
    expect((await store.apiTokenByHash('hash-t1'))?.revokedAt).toBe(AT.toISOString());
  });

  it('keeps one setup code, taken only by its own hash and only once', async () => {
    expect(await store.hasSetupCode()).toBe(false);
    await store.setSetupCode('old');
    await store.setSetupCode('code');
    expect(await store.hasSetupCode()).toBe(true);
    expect(await store.takeSetupCode('old')).toBe(false);
    expect(await store.takeSetupCode('code')).toBe(true);
    expect(await store.takeSetupCode('code')).toBe(false);
    expect(await store.hasSetupCode()).toBe(false);
  });

  it('keeps who has turned the daily digest off, until they turn it on again', async () => {
    expect(await store.digestOptOuts()).toEqual(new Set());
    await store.setDigestWanted('u-ann', false);
    await store.setDigestWanted('u-ann', false);
    await store.setDigestWanted('u-bo', false);
    await store.setDigestWanted('u-bo', true);
    expect(await store.digestOptOuts()).toEqual(new Set(['u-ann']));
  });
}
