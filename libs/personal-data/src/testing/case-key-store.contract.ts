import type { CaseKeyStore } from '../case-key-store.port';

/**
 * What every case key store does, whatever keeps it: run by each adapter's spec with a
 * fresh store (`open`) and the same store opened again (`reopen`, with its master key or another).
 */
export function caseKeyStoreContract(
  name: string,
  make: () => Promise<{
    store: CaseKeyStore;
    reopen: (masterKey: Buffer) => Promise<CaseKeyStore>;
    masterKey: Buffer;
  }>,
): void {
  describe(`${name}: the case key store`, () => {
    const at = new Date('2026-12-06T10:00:00Z');

    it('makes a key on first use and gives the same one after, also once reopened', async () => {
      const { store, reopen, masterKey } = await make();
      expect(await store.find('case-1')).toEqual({ state: 'missing' });
      const made = await store.keyFor('case-1');
      expect(made.state).toBe('present');
      expect(await store.keyFor('case-1')).toEqual(made);
      expect(await store.find('case-1')).toEqual(made);
      const other = await store.keyFor('case-2');
      expect(other).not.toEqual(made);
      await store.close();
      const again = await reopen(masterKey);
      expect(await again.find('case-1')).toEqual(made);
      await again.close();
    });

    it('erases a key for good, once, remembering when; an erased key is never made again', async () => {
      const { store } = await make();
      await store.keyFor('case-1');
      await store.erase('case-1', at);
      expect(await store.find('case-1')).toEqual({ state: 'erased', erasedAt: at });
      await store.erase('case-1', new Date('2027-01-01T00:00:00Z'));
      expect(await store.keyFor('case-1')).toEqual({ state: 'erased', erasedAt: at });
      await store.erase('never-had-one', at);
      expect(await store.find('never-had-one')).toEqual({ state: 'erased', erasedAt: at });
      expect(await store.erasedCases()).toEqual(['case-1', 'never-had-one']);
      await store.keyFor('case-2');
      expect(await store.withoutKey(['case-1', 'case-2', 'case-3'])).toEqual(['case-3']);
      await store.close();
    });

    it('refuses to open with another master key, saying so', async () => {
      const { store, reopen } = await make();
      await store.keyFor('case-1');
      await store.close();
      await expect(reopen(Buffer.alloc(32, 9))).rejects.toThrow(
        'The master key does not open the case keys',
      );
    });
  });
}
