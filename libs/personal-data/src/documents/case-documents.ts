import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { pipeline as pipelineDone } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { DocumentStore, StagedFile, StoredContent } from '#documents';
import type { CaseKeyStore } from '../case-key-store.port';
import { PersonalDataErasedError } from '../personal-data-erased.error';
import { documentAddress, OpeningStream, sealingStream } from './sealed-content';

/**
 * A case's documents, encrypted at rest with the case's key, in the document store below
 * (which keeps whatever it is given under the address it is told). The SHA-256 callers see
 * and record is the content's own.
 */
export class CaseDocuments {
  constructor(
    private readonly store: DocumentStore,
    private readonly keys: CaseKeyStore,
  ) {}

  /** Seals a staged upload into the store; the staged file stays where it is, for the caller to remove. */
  async put(caseId: string, file: StagedFile): Promise<StoredContent> {
    const key = await this.keys.keyFor(caseId);
    if (key.state !== 'present') throw new PersonalDataErasedError(caseId);
    const sealedPath = `${file.path}.sealed`;
    try {
      await pipelineDone(
        createReadStream(file.path),
        sealingStream(key.key, caseId, file.sha256),
        createWriteStream(sealedPath, { mode: 0o600 }),
      );
      const { size } = await stat(sealedPath);
      await this.store.put({
        path: sealedPath,
        sha256: documentAddress(key.key, file.sha256),
        size,
      });
    } finally {
      await rm(sealedPath, { force: true });
    }
    return { sha256: file.sha256, size: file.size };
  }

  /** The content, decrypted as it is read; null when it is not stored, or its case's key is gone. */
  async open(caseId: string, sha256: string): Promise<Readable | null> {
    const key = await this.keys.find(caseId);
    if (key.state !== 'present') return null;
    const sealed = await this.store.open(documentAddress(key.key, sha256));
    if (!sealed) return null;
    return pipeline(sealed, OpeningStream.for(key.key, caseId, sha256), () => {});
  }

  /** Deletes these documents of the case (before its key is erased: their addresses need it). */
  async remove(caseId: string, sha256s: readonly string[]): Promise<void> {
    const key = await this.keys.find(caseId);
    if (key.state !== 'present') return;
    for (const sha256 of new Set(sha256s))
      await this.store.remove(documentAddress(key.key, sha256));
  }
}
