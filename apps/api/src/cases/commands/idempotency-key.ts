import { createHash } from 'node:crypto';
import { canonicalJson } from '#event-store';
import { ApiProblemError, InputValidationError } from '../../http/problem';

const KEY = /^[\x21-\x7e]{1,200}$/;

export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!KEY.test(key))
    throw new InputValidationError([
      {
        field: 'Idempotency-Key',
        message: 'Idempotency-Key must be 1–200 visible ASCII characters',
      },
    ]);
  return key;
}

/**
 * The case a key would create, as a name-based UUID (RFC 9562 version 5) of the caller
 * and the key: a retry finds the stream it created, and the store's no-stream check
 * makes a race between two retries create one case, not two.
 */
export function caseIdForKey(callerId: string, key: string): string {
  const NAMESPACE = Buffer.from('6f1c5d7e8a2b4c3d9e0f1a2b3c4d5e6f', 'hex');
  const hash = createHash('sha1').update(NAMESPACE).update(`${callerId}\n${key}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const requestHash = (body: unknown) =>
  createHash('sha256').update(canonicalJson(body)).digest('hex');

export class IdempotencyKeyReusedError extends ApiProblemError {
  constructor() {
    super(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new case.',
    );
  }
}
