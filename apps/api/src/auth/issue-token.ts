import { SignJWT } from 'jose';
import type { Role } from '#domain';

export interface TokenClaims {
  sub: string;
  name: string;
  roles: Role[];
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `90s`, `30m`, `8h`, `7d` → seconds; null for anything else. */
export function durationSeconds(text: string): number | null {
  const match = /^(\d{1,6})([smhd])$/.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds > 0 ? seconds : null;
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
