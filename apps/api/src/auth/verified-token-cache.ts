import type { Actor } from '#domain';
import type { TokenVerifier } from './token-verifier';

/** How many distinct tokens are remembered: a few per person signed in, with room to spare. */
const MAX_TOKENS = 10_000;
/** How long a verified token is trusted without checking its signature again. */
const TRUST_MS = 60_000;

interface Verified {
  actor: Actor;
  /** The earlier of the token's own expiry and the end of the trust period. */
  until: number;
}

/**
 * Remembers tokens already verified, so a client's every request does not pay for a
 * signature check (a tenth of a request's time, measured). Only a token verified in full
 * is remembered, under its exact text, and only until it expires or a minute has passed:
 * then it is verified again, against the key set as the verifier holds it (jose refetches
 * an identity provider's keys at most every ten minutes, so a withdrawn key is refused
 * within about eleven).
 */
export class VerifiedTokenCache implements TokenVerifier {
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly inner: TokenVerifier,
    private readonly now: () => number = () => new Date().getTime(),
  ) {}

  async verify(token: string): Promise<Actor> {
    const now = this.now();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.actor;
    if (known) this.verified.delete(token);
    const actor = await this.inner.verify(token);
    const expiresAt = expiryOf(token);
    if (expiresAt !== null && expiresAt > now) {
      if (this.verified.size >= MAX_TOKENS)
        this.verified.delete(this.verified.keys().next().value!); // the oldest
      this.verified.set(token, { actor, until: Math.min(expiresAt, now + TRUST_MS) });
    }
    return actor;
  }
}

/** The `exp` of a token already verified (so well-formed), in milliseconds. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
