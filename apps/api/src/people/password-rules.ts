import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
/** Enough for a long passphrase; a bound on what is hashed. */
export const MAX_PASSWORD_LENGTH = 200;

const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));

/**
 * Why a password will not do, in plain English, or null when it will: long enough, not
 * one of the passwords people most often choose, and not the person's own e-mail address.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return `Use at least ${MIN_PASSWORD_LENGTH} characters: a few words together make a good password.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower))
    return 'That is one of the passwords people use most often: choose one nobody would guess.';
  if (email && lower.trim() === email.trim().toLowerCase())
    return 'Do not use your e-mail address as your password.';
  return null;
}
