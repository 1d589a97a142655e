import fc from 'fast-check';
import { newDataKey, seal, unseal } from './aes-gcm';

describe('AES-256-GCM sealing', () => {
  it('gives back what it sealed, for any bytes', () => {
    const key = newDataKey();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.string(), (bytes, aad) => {
        const plaintext = Buffer.from(bytes);
        expect(unseal(key, seal(key, plaintext, aad), aad).equals(plaintext)).toBe(true);
      }),
    );
  });

  it('never seals the same text the same way twice (a fresh IV each time, past a draw of IVs)', () => {
    const key = newDataKey();
    const text = Buffer.from('Jane Doe');
    const ivs = new Set(
      Array.from({ length: 3000 }, () => seal(key, text, 'a').subarray(0, 12).toString('hex')),
    );
    expect(ivs.size).toBe(3000);
  });

  it('refuses another key, another AAD, or one changed byte', () => {
    const key = newDataKey();
    const sealed = seal(key, Buffer.from('Jane Doe'), 'clfcase-1/e1');
    expect(() => unseal(newDataKey(), sealed, 'clfcase-1/e1')).toThrow();
    expect(() => unseal(key, sealed, 'clfcase-2/e1')).toThrow();
    const changed = Buffer.from(sealed);
    changed[14] ^= 1;
    expect(() => unseal(key, changed, 'clfcase-1/e1')).toThrow();
    expect(() => unseal(key, Buffer.alloc(5), 'x')).toThrow('too short');
  });
});
