import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES } from '../sealing/aes-gcm';

/** Where the master key comes from: given (`CLF_MASTER_KEY`), or a file generated on first use. */
export type MasterKeySource = { key: Buffer } | { file: string };

export const masterKeyOf = (source: MasterKeySource): Buffer =>
  'key' in source ? source.key : masterKeyFromFile(source.file);

/** The master key as an operator gives it (`CLF_MASTER_KEY`): 64 hex digits, or 32 bytes in base64. */
export function parseMasterKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length === KEY_BYTES) return bytes;
  }
  return null;
}

export class MasterKeyFileError extends Error {
  constructor(file: string) {
    super(
      `${file} does not hold a master key (64 hex digits): restore the file the data was made with, or set CLF_MASTER_KEY`,
    );
    this.name = 'MasterKeyFileError';
  }
}

/**
 * The master key kept in a file readable by its owner only, generated on first use. It
 * protects a copied event store or key store on its own, not a copied data directory that
 * holds this file too: set `CLF_MASTER_KEY` from a secret store for that.
 */
export function masterKeyFromFile(file: string): Buffer {
  const read = () => {
    const key = parseMasterKey(readFileSync(file, 'utf8'));
    if (!key) throw new MasterKeyFileError(file);
    return key;
  };
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process generated it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return read();
}
