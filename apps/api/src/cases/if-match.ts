import { InputValidationError, StaleRevisionError } from '../http/problem';

const STRONG = /^"(\d{1,9})"$/;
const BARE = /^(\d{1,9})$/;
/** A weak tag (`W/"3"`, as proxies that compress make them) is well formed but never matches (RFC 9110 §13.1.1). */
const WEAK = /^W\/"[^"]*"$/;

/**
 * `If-Match: "3"` (or a list, or `*`): the revisions the caller's copy may be at. A bare
 * `3` is accepted too, for people typing curl commands.
 */
export function parseIfMatch(header: string | undefined): '*' | number[] | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return '*';
  const revisions: number[] = [];
  for (const tag of header.split(',').map((t) => t.trim())) {
    const revision = (STRONG.exec(tag) ?? BARE.exec(tag))?.[1];
    if (revision !== undefined) revisions.push(Number(revision));
    else if (!WEAK.test(tag))
      throw new InputValidationError([
        { field: 'If-Match', message: 'If-Match must be the case’s ETag, e.g. "3"' },
      ]);
  }
  return revisions;
}

export function checkIfMatch(header: string | undefined, revision: number): void {
  const expected = parseIfMatch(header);
  if (expected === undefined || expected === '*') return;
  if (!expected.includes(revision)) throw new StaleRevisionError(header!.trim(), revision);
}
