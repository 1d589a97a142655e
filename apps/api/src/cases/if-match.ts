import { InputValidationError, StaleRevisionError } from '../http/problem';

/**
 * `If-Match: "3"` (or a list, or `*`): the revisions the caller's copy may be at. Weak
 * tags are refused: a revision is exact or it is nothing.
 */
export function parseIfMatch(header: string | undefined): '*' | number[] | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return '*';
  const revisions = header.split(',').map((tag) => /^\s*"?(\d{1,9})"?\s*$/.exec(tag)?.[1]);
  if (revisions.some((r) => r === undefined))
    throw new InputValidationError([
      { field: 'If-Match', message: 'If-Match must be the case’s ETag, e.g. "3"' },
    ]);
  return revisions.map(Number);
}

export function checkIfMatch(header: string | undefined, revision: number): void {
  const expected = parseIfMatch(header);
  if (expected === undefined || expected === '*') return;
  if (!expected.includes(revision)) throw new StaleRevisionError(header!.trim(), revision);
}
