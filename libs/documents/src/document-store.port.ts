import type { Readable } from 'node:stream';

/** Where an uploaded file's bytes went: content-addressed, so the hash is the key. */
export interface StoredContent {
  sha256: string;
  size: number;
}

/** An upload written to a private temporary file, with what was learned while writing it. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
}

/** Uploaded files, stored once per content whatever they are called. */
export interface DocumentStore {
  /**
   * Takes in a staged file's content, moving the file where it can: whatever is left at
   * its path afterwards is the caller's to remove. Never reads the file into memory.
   */
  put(file: StagedFile): Promise<StoredContent>;
  /** The content with this SHA-256, or null if none is stored. */
  open(sha256: string): Promise<Readable | null>;
  /** Deletes the content with this SHA-256 for good; nothing stored under it is fine. */
  remove(sha256: string): Promise<void>;
  /** Resolves when the store can take files now; rejects with the reason when it cannot. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
