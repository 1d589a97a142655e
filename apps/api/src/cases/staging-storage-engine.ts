import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import type { StagedFile, UploadStaging } from '#documents';

type Callback<T> = (error: Error | null, info?: T) => void;

/**
 * multer's storage for uploads: each file goes to the staging folder as it arrives,
 * hashed on the way, never into memory. multer asks for its removal when it refuses the
 * request; otherwise the controller removes it once the request is done.
 */
export function stagingStorageEngine(staging: UploadStaging): StorageEngine {
  return {
    _handleFile(_: Request, file: Express.Multer.File, done: Callback<Partial<StagedFile>>) {
      staging.stage(file.stream).then(
        async (staged) => {
          // Past the size limit busboy cuts the stream short; multer then refuses it (413).
          if ((file.stream as { truncated?: boolean }).truncated) {
            await staging.discard(staged);
            return done(null, {});
          }
          done(null, staged);
        },
        (error: Error) => done(error),
      );
    },
    _removeFile(_: Request, file: Express.Multer.File, done: (error: Error | null) => void) {
      if (!file.path) return done(null);
      staging.discard(file).then(
        () => done(null),
        (error: Error) => done(error),
      );
    },
  };
}
