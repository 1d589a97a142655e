import { AccountService } from '../apps/api/src/people/account.service';
import { backedUpAndRestored } from './support/backup';
import { addPeople, emailOf } from './support/people';
import { person, startTestApp } from './support/test-app';

describe('backing up and restoring the accounts', () => {
  it('brings back the passwords with the directory, so people still sign in after a restore', async () => {
    const ann = person('ann', 'staff');
    const before = await startTestApp();
    await addPeople(before.app, ann);
    await before.app.get(AccountService).setPassword('ann', 'copper kettle marigold');
    const { manifest, dataDir } = await backedUpAndRestored(before);
    expect(manifest.files.map((file) => file.path)).toContain('accounts.db');
    expect(manifest.leftOut.join(' ')).toContain('sessions.db');

    const after = await startTestApp({ dataDir });
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
