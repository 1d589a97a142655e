/**
 * Where to go after signing in: a path on this console, never another site (`//evil`,
 * `/\evil` and absolute addresses are browsers' ways of leaving it).
 */
export function safeReturnAddress(given: unknown): string {
  if (typeof given !== 'string' || given.length > 2000) return '/';
  if (!given.startsWith('/') || given.startsWith('//') || given.startsWith('/\\')) return '/';
  if (/[\p{Cc}\\]/u.test(given)) return '/';
  return given;
}
