import { CaseKeyCache } from './case-key-cache';
import { newDataKey } from './sealing/aes-gcm';

describe('CaseKeyCache', () => {
  const present = () => ({ state: 'present' as const, key: newDataKey() });

  it('keeps the keys used most recently, up to its capacity', () => {
    const cache = new CaseKeyCache(2);
    const [a, b, c] = [present(), present(), present()];
    cache.set('a', a);
    cache.set('b', b);
    expect(cache.get('a')).toBe(a);
    cache.set('c', c);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(a);
    expect(cache.get('c')).toBe(c);
  });

  it('keeps an erasure, and never a missing key (it may be made a moment later)', () => {
    const cache = new CaseKeyCache(10);
    const erased = { state: 'erased' as const, erasedAt: new Date('2026-12-01T10:00:00Z') };
    cache.set('erased', erased);
    cache.set('missing', { state: 'missing' });
    expect(cache.get('erased')).toBe(erased);
    expect(cache.get('missing')).toBeUndefined();
  });

  it('keeps an erasure final: a key read before the erasure and set after it is not kept', async () => {
    const cache = new CaseKeyCache(10);
    const erased = { state: 'erased' as const, erasedAt: new Date('2026-12-01T10:00:00Z') };
    cache.set('case', erased);
    expect(cache.set('case', present())).toBe(erased);
    expect(cache.get('case')).toBe(erased);
  });

  it('remembers a recent erasure however many keys are read after it', () => {
    const cache = new CaseKeyCache(2);
    const erased = { state: 'erased' as const, erasedAt: new Date('2026-12-01T10:00:00Z') };
    cache.set('erased', erased);
    for (const caseId of ['a', 'b', 'c']) cache.set(caseId, present());
    expect(cache.get('erased')).toBe(erased);
    expect(cache.set('erased', present())).toBe(erased);
  });

  it('tells a lookup whether every erasure made while it was away is still in memory', () => {
    const cache = new CaseKeyCache(10, 2);
    const erasure = () => ({
      state: 'erased' as const,
      erasedAt: new Date('2026-12-01T10:00:00Z'),
    });
    cache.set('before', erasure());
    const mark = cache.erasureMark();
    cache.set('first', erasure());
    cache.get('before'); // reading an erasure does not keep it longer than a newer one
    expect(cache.remembersErasuresSince(mark)).toBe(true);
    cache.set('second', erasure());
    expect(cache.get('first')).toBeDefined();
    expect(cache.remembersErasuresSince(mark)).toBe(false);
  });
});
