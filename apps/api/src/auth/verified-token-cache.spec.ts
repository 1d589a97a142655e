import type { Actor } from '#domain';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';

const ann: Actor = { id: 'u-ann', name: 'Ann Lee', roles: ['staff'] };
const NOW = Date.parse('2026-11-23T10:00:00Z');

/** An unsigned stand-in with the claims the cache reads; the inner verifier decides validity. */
const tokenExpiringAt = (ms: number, nonce = 'a') =>
  `h.${Buffer.from(JSON.stringify({ sub: 'u-ann', exp: ms / 1000, nonce })).toString('base64url')}.s`;

function counting(result: () => Actor = () => ann): TokenVerifier & { calls: number } {
  const inner = {
    calls: 0,
    async verify() {
      inner.calls += 1;
      return result();
    },
  };
  return inner;
}

describe('VerifiedTokenCache', () => {
  it('checks a token’s signature once, then trusts it for a minute', async () => {
    let now = NOW;
    const inner = counting();
    const cache = new VerifiedTokenCache(inner, () => now);
    const token = tokenExpiringAt(NOW + 8 * 3_600_000);
    expect(await cache.verify(token)).toEqual(ann);
    now += 59_999;
    expect(await cache.verify(token)).toEqual(ann);
    expect(inner.calls).toBe(1);
    now += 1;
    await cache.verify(token);
    expect(inner.calls).toBe(2);
  });

  it('never trusts a token past its own expiry', async () => {
    let now = NOW;
    const inner = counting();
    const cache = new VerifiedTokenCache(inner, () => now);
    const token = tokenExpiringAt(NOW + 10_000);
    await cache.verify(token);
    now += 10_000;
    inner.verify = async () => {
      inner.calls += 1;
      throw new InvalidTokenError('The token has expired.');
    };
    await expect(cache.verify(token)).rejects.toThrow('expired');
    expect(inner.calls).toBe(2);
  });

  it('remembers nothing about a token that failed', async () => {
    const inner = counting(() => {
      throw new InvalidTokenError('The token’s signature does not verify.');
    });
    const cache = new VerifiedTokenCache(inner, () => NOW);
    const token = tokenExpiringAt(NOW + 3_600_000);
    await expect(cache.verify(token)).rejects.toThrow('signature');
    await expect(cache.verify(token)).rejects.toThrow('signature');
    expect(inner.calls).toBe(2);
  });

  it('forgets the oldest token when full, keeping the newest', async () => {
    const inner = counting();
    const cache = new VerifiedTokenCache(inner, () => NOW);
    const tokens = Array.from({ length: 10_001 }, (_, i) =>
      tokenExpiringAt(NOW + 3_600_000, String(i)),
    );
    for (const token of tokens) await cache.verify(token);
    expect(inner.calls).toBe(10_001);
    await cache.verify(tokens[10_000]);
    expect(inner.calls).toBe(10_001);
    await cache.verify(tokens[0]);
    expect(inner.calls).toBe(10_002);
  });
});
