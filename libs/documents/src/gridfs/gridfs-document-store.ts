import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, type Db } from 'mongodb';
import {
  SHA256_HEX,
  type DocumentStore,
  type StagedFile,
  type StoredContent,
} from '../document-store.port';

/**
 * Files in MongoDB GridFS (bucket `documents`), named by their SHA-256 so the same content
 * is stored once. Two replicas uploading the same new file at once may both store it;
 * either copy serves, since the name is the content's hash.
 */
export class GridFsDocumentStore implements DocumentStore {
  private readonly bucket: GridFSBucket;

  constructor(private readonly db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: 'documents' });
  }

  /** Streams the staged file into GridFS; the file stays where it is, for the caller to remove. */
  async put(file: StagedFile): Promise<StoredContent> {
    if (!(await this.find(file.sha256)))
      await pipeline(
        createReadStream(file.path),
        this.bucket.openUploadStream(file.sha256, { metadata: { size: file.size } }),
      );
    return { sha256: file.sha256, size: file.size };
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const file = await this.find(sha256);
    return file ? this.bucket.openDownloadStream(file._id) : null;
  }

  async remove(sha256: string): Promise<void> {
    if (!SHA256_HEX.test(sha256)) return;
    // Every copy: two replicas may each have stored one.
    for (const file of await this.bucket.find({ filename: sha256 }).toArray())
      await this.bucket.delete(file._id);
  }

  private async find(sha256: string) {
    const [file] = await this.bucket.find({ filename: sha256 }).limit(1).toArray();
    return file ?? null;
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  /** The client belongs to whoever opened it (the storage), which closes it. */
  async close(): Promise<void> {}
}
