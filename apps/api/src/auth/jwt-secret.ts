import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JwtKeys } from '../config/app-config';

/**
 * The HS256 secret: `CLF_JWT_SECRET`, or one generated on first use into the data
 * directory (readable by the owner only) so tokens survive a restart.
 */
export function hs256Secret(settings: Extract<JwtKeys, { algorithm: 'HS256' }>): string {
  if (settings.secret !== null) return settings.secret;
  try {
    return readFileSync(settings.secretFile, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(settings.secretFile), { recursive: true });
  try {
    writeFileSync(settings.secretFile, randomBytes(48).toString('base64url'), {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (error) {
    // Another process generated it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(settings.secretFile, 'utf8').trim();
}
