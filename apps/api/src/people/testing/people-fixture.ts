import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledPolicy, type Actor } from '#domain';
import { SqliteEventStore } from '#event-store';
import type { Storage } from '../../storage/storage';
import { AccountService } from '../account.service';
import { SqliteAccountStore } from '../sqlite-account-store';
import { StaffDirectory } from '../staff-directory';

export const ADMIN: Actor = { id: 'u-ada', name: 'Ada Admin', roles: ['admin'] };
export const context = { actor: ADMIN, correlationId: 'req-1' };

/** A directory and accounts on fresh SQLite files, with a clock the test sets. */
export function peopleFixture(start = '2026-11-23T10:00:00Z') {
  const dir = mkdtempSync(join(tmpdir(), 'clf-people-'));
  let now = new Date(start);
  const clock = () => new Date(now);
  const storage = {
    events: new SqliteEventStore({ filename: join(dir, 'events.db'), clock }),
    accounts: new SqliteAccountStore(join(dir, 'accounts.db')),
  } as unknown as Storage;
  const directory = new StaffDirectory(storage, clock, { policy: bundledPolicy('dmm') });
  return {
    storage,
    clock,
    directory,
    setNow: (iso: string) => (now = new Date(iso)),
    close: async () => {
      await storage.accounts.close();
      await storage.events.close();
    },
  };
}

/** The fixture with its first administrator, Ada (u-ada), in the directory, and the account service. */
export async function accountsFixture() {
  const fixture = peopleFixture();
  await fixture.directory.execute(
    {
      type: 'AddPerson',
      actor: ADMIN,
      data: { personId: 'u-ada', name: 'Ada', email: 'ada@college.example', roles: ['admin'] },
    },
    context,
  );
  return {
    ...fixture,
    accounts: new AccountService(fixture.storage, fixture.clock, fixture.directory),
  };
}
