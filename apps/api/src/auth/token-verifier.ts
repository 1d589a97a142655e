import { createSecretKey } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Actor, type Role } from '#domain';
import type { JwtSettings } from '../config/app-config';
import { formatDuration } from '../config/duration';
import { ApiProblemError } from '../http/problem';
import { hs256Secret } from './jwt-secret';

/** A bearer token that does not prove who is calling. */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Actor>;
}

const MAX_CLAIM_LENGTH = 200;

/** The caller a verified token names. Roles this system does not know are ignored. */
export function actorFromClaims(claims: JWTPayload): Actor {
  const { sub, name, roles } = claims as JWTPayload & { name?: unknown; roles?: unknown };
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_CLAIM_LENGTH)
    throw new InvalidTokenError('The token names no subject (sub).');
  if (sub.startsWith('system:'))
    throw new InvalidTokenError('Subjects starting "system:" are reserved for scheduled jobs.');
  if (roles !== undefined && !Array.isArray(roles))
    throw new InvalidTokenError('The token’s roles claim must be an array.');
  const known = (roles ?? []).filter((role): role is Role => ROLES.includes(role as Role));
  return {
    id: sub,
    name: typeof name === 'string' && name.length <= MAX_CLAIM_LENGTH ? name : sub,
    roles: [...new Set(known)],
  };
}

/** The identity provider's key set cannot be fetched: the token may be fine; we cannot tell. */
export class IdentityProviderUnavailableError extends ApiProblemError {
  constructor() {
    super(
      503,
      'identity-provider-unavailable',
      'The identity provider’s signing keys cannot be fetched just now; try again shortly.',
    );
  }
}

function explain(error: unknown): InvalidTokenError | IdentityProviderUnavailableError {
  if (error instanceof InvalidTokenError) return error;
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError))
    return new IdentityProviderUnavailableError();
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('The token has expired.');
  if (
    error instanceof errors.JWTClaimValidationFailed &&
    error.claim === 'exp' &&
    error.reason === 'missing'
  )
    return new InvalidTokenError('The token has no expiry (exp): tokens must expire.');
  if (error instanceof errors.JWTClaimValidationFailed)
    return new InvalidTokenError(`The token’s ${error.claim} claim is not acceptable.`);
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new InvalidTokenError(
      'The token is signed with an algorithm this server does not accept.',
    );
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWSSignatureVerificationFailed
  )
    return new InvalidTokenError('The token’s signature does not verify.');
  return new InvalidTokenError('The token is not a valid signed JWT.');
}

/** How far ahead of this server's clock an issuer's may run before its `iat` is refused. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * A token may be valid for `maxLifetimeSeconds` at most, from its `iat` to its `exp`, so a
 * stolen long-lived token is refused even late in its life. Without `iat` the time left
 * (from now to `exp`) is what counts. An `iat` in the future would stretch that, so it is
 * refused beyond a little clock skew.
 */
function checkLifetime(payload: JWTPayload, nowSeconds: number, maxLifetimeSeconds: number): void {
  const exp = payload.exp!; // required, and checked to be a future number, by jwtVerify
  const { iat } = payload;
  if (iat !== undefined && iat > nowSeconds + CLOCK_SKEW_SECONDS)
    throw new InvalidTokenError(
      'The token’s issue time (iat) is in the future: check the issuer’s clock.',
    );
  const lifetime = iat === undefined ? exp - nowSeconds : exp - iat;
  if (lifetime > maxLifetimeSeconds)
    throw new InvalidTokenError(
      `The token is valid for longer than the ${formatDuration(maxLifetimeSeconds)} this server accepts (${iat === undefined ? 'from now' : 'from iat'} to exp): ask for one that expires sooner.`,
    );
}

/**
 * HS256 with the shared secret, or RS256 against the identity provider's key set. The
 * algorithm is fixed by configuration, never taken from the token: `alg: none` and
 * algorithm-confusion tokens fail. Tokens must expire, within the configured lifetime.
 */
export function createTokenVerifier(
  settings: JwtSettings,
  now: () => Date = () => new Date(),
): TokenVerifier {
  const verifyWith =
    settings.algorithm === 'HS256'
      ? (() => {
          // Imported once: handing jose the raw bytes would import the key on every request.
          const key = createSecretKey(Buffer.from(hs256Secret(settings), 'utf8'));
          return (token: string, currentDate: Date) =>
            jwtVerify(token, key, {
              algorithms: ['HS256'],
              requiredClaims: ['exp', 'sub'],
              currentDate,
            });
        })()
      : (() => {
          const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
          return (token: string, currentDate: Date) =>
            jwtVerify(token, keys, {
              currentDate,
              algorithms: ['RS256'],
              issuer: settings.issuer,
              audience: settings.audience,
              requiredClaims: ['exp', 'sub'],
            });
        })();
  return {
    async verify(token) {
      try {
        const currentDate = now();
        const { payload } = await verifyWith(token, currentDate);
        checkLifetime(payload, currentDate.getTime() / 1000, settings.maxLifetimeSeconds);
        return actorFromClaims(payload);
      } catch (error) {
        throw explain(error);
      }
    },
  };
}

export const TOKEN_VERIFIER = Symbol('TokenVerifier');
