import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { UploadsBusyError } from '../http/problem';

/**
 * Uploads being received at once, in the whole process. Each is written to disk as it
 * arrives, so this bounds open files and disk writes rather than memory; beyond it a
 * caller is told to come back (503 with Retry-After) instead of queueing, since a queued
 * upload still holds its connection and its client's patience.
 */
export const MAX_CONCURRENT_UPLOADS = 8;
/** What Retry-After says: long enough for a 20 MB upload on a slow line to finish. */
export const UPLOAD_RETRY_AFTER_SECONDS = 10;

@Injectable()
export class UploadSlots {
  private taken = 0;

  constructor(private readonly capacity: number = MAX_CONCURRENT_UPLOADS) {}

  get inUse(): number {
    return this.taken;
  }

  /** A slot, released by calling what is returned (once; later calls do nothing). */
  acquire(): () => void {
    if (this.taken >= this.capacity) throw new UploadsBusyError(UPLOAD_RETRY_AFTER_SECONDS);
    this.taken += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken -= 1;
    };
  }
}

/**
 * Takes a slot before the upload is read (guards run before multer's interceptor) and
 * gives it back when the response is over, however it ended: sent, failed or cut off.
 */
@Injectable()
export class UploadSlotGuard implements CanActivate {
  constructor(private readonly slots: UploadSlots) {}

  canActivate(context: ExecutionContext): boolean {
    const release = this.slots.acquire();
    context.switchToHttp().getResponse<Response>().once('close', release);
    return true;
  }
}
