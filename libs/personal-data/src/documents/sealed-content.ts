import { createCipheriv, createDecipheriv, createHmac, type DecipherGCM } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The IV a document is sealed under: derived from the case key and the content's SHA-256, so
 * the same content sealed twice for a case gives the same bytes (stored once), and GCM's IV
 * is never reused for different content under one key.
 */
const ivOf = (key: Buffer, sha256: string) =>
  createHmac('sha256', key).update(`document-iv:${sha256}`).digest().subarray(0, IV_BYTES);

const aadOf = (caseId: string, sha256: string) => Buffer.from(`${caseId}/${sha256}`, 'utf8');

/** Encrypts a document's bytes as they pass: `iv ‖ ciphertext ‖ tag`. */
export function sealingStream(key: Buffer, caseId: string, sha256: string): Transform {
  const iv = ivOf(key, sha256);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadOf(caseId, sha256));
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!started) {
        started = true;
        this.push(iv);
      }
      done(null, cipher.update(chunk));
    },
    flush(done) {
      if (!started) this.push(iv);
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

/** Decrypts what `sealingStream` made; fails at the end (the tag) if a byte was changed. */
export class OpeningStream extends Transform {
  private decipher: DecipherGCM | null = null;
  private held = Buffer.alloc(0);

  constructor(
    private readonly key: Buffer,
    private readonly aad: Buffer,
  ) {
    super();
  }

  static for(key: Buffer, caseId: string, sha256: string): OpeningStream {
    return new OpeningStream(key, aadOf(caseId, sha256));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.held = Buffer.concat([this.held, chunk]);
    if (!this.decipher) {
      if (this.held.length < IV_BYTES) return done();
      this.decipher = createDecipheriv('aes-256-gcm', this.key, this.held.subarray(0, IV_BYTES));
      this.decipher.setAAD(this.aad);
      this.held = this.held.subarray(IV_BYTES);
    }
    // The last 16 bytes may be the tag: kept back until the end.
    const ready = this.held.length - TAG_BYTES;
    if (ready <= 0) return done();
    const out = this.decipher.update(this.held.subarray(0, ready));
    this.held = this.held.subarray(ready);
    done(null, out);
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.decipher || this.held.length !== TAG_BYTES)
        throw new Error('the document is cut short');
      this.decipher.setAuthTag(this.held);
      done(null, this.decipher.final());
    } catch (error) {
      done(error as Error);
    }
  }
}
