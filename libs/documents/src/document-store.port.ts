import type { Readable } from 'node:stream';

/** Where an uploaded file's bytes went: content-addressed, so the hash is the key. */
export interface StoredContent {
  sha256: string;
  size: number;
}

/** Uploaded files, stored once per content whatever they are called. */
export interface DocumentStore {
  put(content: Buffer): Promise<StoredContent>;
  /** The content with this SHA-256, or null if none is stored. */
  open(sha256: string): Promise<Readable | null>;
  /** Resolves when the store can take files now; rejects with the reason when it cannot. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
