import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * Random bytes for IVs and data keys, drawn 12 KiB at a time: one call for random bytes
 * costs about as much as the encryption of an event. Every byte is still fresh, used once.
 */
const POOL_BYTES = 12 * 1024;
let pool = randomBytes(0);
let poolOffset = 0;

/** Fresh random bytes, a view of the pool: for what is copied at once (an IV into the sealed bytes). */
function freshBytes(length: number): Buffer {
  if (poolOffset + length > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return bytes;
}

/** Encrypts with AES-256-GCM under a fresh random IV (text as UTF-8): `iv ‖ ciphertext ‖ tag`, bound to `aad`. */
export function seal(key: Buffer, plaintext: Buffer | string, aad: string): Buffer {
  const iv = freshBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body =
    typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext);
  // GCM gives everything from update; final only completes the tag.
  cipher.final();
  return Buffer.concat([iv, body, cipher.getAuthTag()], IV_BYTES + body.length + TAG_BYTES);
}

/** The plaintext `seal` made; throws when the key, the AAD or a single byte differs. */
export function unseal(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed data too short');
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const plaintext = decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES));
  // GCM gives everything from update; final only checks the tag (and throws when it fails).
  decipher.final();
  return plaintext;
}

/** A new data key in memory of its own (a key kept in a cache must not keep the pool alive). */
export function newDataKey(): Buffer {
  const drawn = freshBytes(KEY_BYTES);
  const key = Buffer.alloc(KEY_BYTES);
  drawn.copy(key);
  drawn.fill(0);
  return key;
}
