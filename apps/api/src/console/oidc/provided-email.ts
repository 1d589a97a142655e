/** What an identity provider said about the e-mail address of the person it signed in. */
export type ProvidedEmail =
  | { status: 'verified'; email: string }
  /** The provider does not vouch that the address is theirs: anyone could have typed it. */
  | { status: 'unverified'; email: string }
  | { status: 'missing' };

/** No real e-mail address is longer (RFC 5321's limits on its parts). */
const MAX_EMAIL = 320;

/**
 * The claims that vouch for an e-mail address: OpenID Connect's `email_verified`, and
 * Microsoft Entra ID's `xms_edov` (the address is in a domain the tenant has verified),
 * since Entra does not issue `email_verified`.
 */
const VERIFYING_CLAIMS = ['email_verified', 'xms_edov'] as const;

/** Reads the `email` claim and whether it is verified; only a literal `true` verifies. */
export function providedEmail(claims: Record<string, unknown> | undefined): ProvidedEmail {
  const email = typeof claims?.email === 'string' ? claims.email.trim() : '';
  if (!email || email.length > MAX_EMAIL || !email.includes('@')) return { status: 'missing' };
  return VERIFYING_CLAIMS.some((claim) => claims?.[claim] === true)
    ? { status: 'verified', email }
    : { status: 'unverified', email };
}
