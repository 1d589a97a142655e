import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreBackup } from '../../apps/cli/src/backup/restore-backup';
import { takeBackup } from '../../apps/cli/src/backup/take-backup';
import type { BackupManifest } from '../../apps/cli/src/backup/backup-manifest';
import type { TestApp } from './test-app';

const scratch = () => mkdtempSync(join(tmpdir(), 'clf-backup-'));

/** Backs up the app's data directory, closes the app, and restores the backup into a new directory. */
export async function backedUpAndRestored(
  app: TestApp,
): Promise<{ manifest: BackupManifest; dataDir: string }> {
  const backup = join(scratch(), 'backup');
  const manifest = await takeBackup({ dataDir: app.dataDir, target: backup });
  await app.close();
  const dataDir = join(scratch(), 'data');
  await restoreBackup({ backup, dataDir });
  return { manifest, dataDir };
}
