import type { AccountStore } from '../account-store.port';

/** What every account store must do: run on SQLite and, given a server, MongoDB. */
export function accountStoreContract(open: () => Promise<AccountStore>): void {
  let store: AccountStore;
  beforeEach(async () => (store = await open()));
  afterEach(() => store.close());

  it('keeps one password hash per person, the latest', async () => {
    expect(await store.passwordHash('ann')).toBeUndefined();
    await store.setPasswordHash('ann', 'h1');
    await store.setPasswordHash('ann', 'h2');
    expect(await store.passwordHash('ann')).toBe('h2');
  });

  it('gives a reset link back once', async () => {
    const link = { tokenHash: 't', personId: 'ann', expiresAt: new Date('2026-12-08T09:00:00Z') };
    await store.addResetLink(link);
    expect(await store.findResetLink('t')).toEqual(link);
    expect(await store.takeResetLink('t')).toEqual(link);
    expect(await store.findResetLink('t')).toBeUndefined();
    expect(await store.takeResetLink('t')).toBeUndefined();
  });

  it('holds one setup code, and forgets it when burnt', async () => {
    await store.setSetupCodeHash('a');
    await store.setSetupCodeHash('b');
    expect(await store.setupCodeHash()).toBe('b');
    await store.setSetupCodeHash(null);
    expect(await store.setupCodeHash()).toBeUndefined();
  });
}
