import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { pipeline as pipelineDone } from 'node:stream/promises';
import type { DocumentStore, StagedFile, StoredContent } from '#documents';
import type { CaseKeyStore } from '../case-key-store.port';
import { PersonalDataErasedError } from '../personal-data-erased.error';
import { OpeningStream, sealingStream } from './sealed-content';

/** A document as stored for a case: its content's SHA-256, and that of the sealed bytes the store keeps. */
export interface SealedContent extends StoredContent {
  storedAs: string;
}

/**
 * A case's documents, encrypted at rest with the case's key, in the content-addressed store
 * below under the SHA-256 of the sealed bytes (`storedAs`, recorded with the document), so
 * backups check them as they check any stored file. Sealing is deterministic for a case and
 * a content: the same file attached twice to a case is stored once; in another case it is
 * stored apart, unlinkable.
 */
export class CaseDocuments {
  constructor(
    private readonly store: DocumentStore,
    private readonly keys: CaseKeyStore,
  ) {}

  /** Seals a staged upload into the store; the staged file stays where it is, for the caller to remove. */
  async put(caseId: string, file: StagedFile): Promise<SealedContent> {
    const key = await this.keys.keyFor(caseId);
    if (key.state !== 'present') throw new PersonalDataErasedError(caseId);
    const sealedPath = `${file.path}.sealed`;
    const hash = createHash('sha256');
    try {
      await pipelineDone(
        createReadStream(file.path),
        sealingStream(key.key, caseId, file.sha256),
        async function* (sealed: AsyncIterable<Buffer>) {
          for await (const chunk of sealed) {
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(sealedPath, { mode: 0o600 }),
      );
      const storedAs = hash.digest('hex');
      const { size } = await stat(sealedPath);
      await this.store.put({ path: sealedPath, sha256: storedAs, size });
      return { sha256: file.sha256, size: file.size, storedAs };
    } finally {
      await rm(sealedPath, { force: true });
    }
  }

  /** The content, decrypted as it is read; null when it is not stored, or its case's key is gone. */
  async open(
    caseId: string,
    document: { sha256: string; storedAs?: string },
  ): Promise<Readable | null> {
    if (!document.storedAs) return null;
    const key = await this.keys.find(caseId);
    if (key.state !== 'present') return null;
    const sealed = await this.store.open(document.storedAs);
    if (!sealed) return null;
    return pipeline(sealed, OpeningStream.for(key.key, caseId, document.sha256), () => {});
  }

  /** Deletes the stored bytes of these documents. */
  async remove(storedAs: readonly string[]): Promise<void> {
    for (const sha256 of new Set(storedAs)) await this.store.remove(sha256);
  }
}
