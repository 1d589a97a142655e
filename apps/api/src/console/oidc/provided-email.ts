/** What an identity provider said about the e-mail address of the person it signed in. */
export type ProvidedEmail =
  | { status: 'verified'; email: string }
  /** The provider does not vouch that the address is theirs: anyone could have typed it. */
  | { status: 'unverified'; email: string }
  | { status: 'missing' };

/** No real e-mail address is longer (RFC 5321's limits on its parts). */
const MAX_EMAIL = 320;

/** Reads the `email` and `email_verified` claims of an ID token; only a literal `true` verifies. */
export function providedEmail(claims: Record<string, unknown> | undefined): ProvidedEmail {
  const email = typeof claims?.email === 'string' ? claims.email.trim() : '';
  if (!email || email.length > MAX_EMAIL || !email.includes('@')) return { status: 'missing' };
  return claims?.email_verified === true
    ? { status: 'verified', email }
    : { status: 'unverified', email };
}
