import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreBackup } from '../apps/cli/src/backup/restore-backup';
import { takeBackup } from '../apps/cli/src/backup/take-backup';
import { AccountService } from '../apps/api/src/people/account.service';
import { addPeople, emailOf } from './support/people';
import { person, startTestApp } from './support/test-app';

const scratch = () => mkdtempSync(join(tmpdir(), 'clf-backup-'));

describe('backing up and restoring the accounts', () => {
  it('brings back the passwords with the directory, so people still sign in after a restore', async () => {
    const ann = person('ann', 'staff');
    const before = await startTestApp();
    await addPeople(before.app, ann);
    await before.app.get(AccountService).setPassword('ann', 'copper kettle marigold');
    const backup = join(scratch(), 'backup');
    const manifest = await takeBackup({ dataDir: before.dataDir, target: backup });
    await before.close();
    expect(manifest.files.map((file) => file.path)).toContain('accounts.db');
    expect(manifest.leftOut.join(' ')).toContain('sessions.db');

    const restored = join(scratch(), 'data');
    await restoreBackup({ backup, dataDir: restored });
    const after = await startTestApp({ dataDir: restored });
    try {
      const signIn = await after.app
        .get(AccountService)
        .signIn(emailOf(ann), 'copper kettle marigold', '127.0.0.1');
      expect(signIn.outcome).toBe('signed-in');
    } finally {
      await after.close();
    }
  });
});
