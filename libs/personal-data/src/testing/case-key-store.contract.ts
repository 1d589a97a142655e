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

    it('finds many cases\u2019 keys at once, as one at a time would', async () => {
      const { store } = await make();
      const made = await store.keyFor('case-1');
      await store.keyFor('case-2');
      await store.erase('case-2', at);
      const found = await store.findAll(['case-1', 'case-2', 'case-3']);
      expect([...found]).toEqual([
        ['case-1', made],
        ['case-2', { state: 'erased', erasedAt: at }],
        ['case-3', { state: 'missing' }],
      ]);
      expect((await store.findAll([])).size).toBe(0);
      await store.close();
    });

    it('makes one key for a case asked for twice at once, and keys for many cases at once', async () => {
      const { store } = await make();
      const [first, second, other] = await Promise.all([
        store.keyFor('case-1'),
        store.keyFor('case-1'),
        store.keyFor('case-2'),
      ]);
      expect(first.state).toBe('present');
      expect(second).toEqual(first);
      expect(other.state).toBe('present');
      expect(other).not.toEqual(first);
      expect(await store.find('case-1')).toEqual(first);
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
