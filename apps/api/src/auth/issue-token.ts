import { SignJWT } from 'jose';
import type { Role } from '#domain';

export interface TokenClaims {
  sub: string;
  name: string;
  roles: Role[];
}

/** A signed HS256 token for the configured secret: for development and the README tour. */
export function issueToken(
  secret: string,
  claims: TokenClaims,
  { expiresInSeconds = 8 * 3600, now = new Date() }: { expiresInSeconds?: number; now?: Date } = {},
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ name: claims.name, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}
