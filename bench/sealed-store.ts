import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { masterKeyFromFile, SealedEventStore, SqliteCaseKeyStore } from '#personal-data';

/**
 * The event store of a data directory as the server writes it (personal data sealed with
 * each case's key, the keys and master key where the server will look for them), for
 * benches that fill a store before starting the server on it.
 */
export function sealedStoreIn(dataDir: string) {
  const keys = new SqliteCaseKeyStore(
    join(dataDir, 'case-keys.db'),
    masterKeyFromFile(join(dataDir, 'master.key')),
  );
  const events = new SealedEventStore(
    new SqliteEventStore({ filename: join(dataDir, 'events.db'), durability: 'normal' }),
    keys,
  );
  return {
    events,
    close: async () => {
      await events.close();
      await keys.close();
    },
  };
}
