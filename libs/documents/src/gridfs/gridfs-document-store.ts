import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GridFSBucket, type Db } from 'mongodb';
import { SHA256_HEX, type DocumentStore, type StoredContent } from '../document-store.port';

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

  async put(content: Buffer): Promise<StoredContent> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (!(await this.find(sha256))) {
      await new Promise<void>((resolve, reject) => {
        const upload = this.bucket.openUploadStream(sha256, { metadata: { size: content.length } });
        upload.once('error', reject).once('finish', () => resolve());
        upload.end(content);
      });
    }
    return { sha256, size: content.length };
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const file = await this.find(sha256);
    return file ? this.bucket.openDownloadStream(file._id) : null;
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
