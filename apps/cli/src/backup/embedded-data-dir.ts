import { resolve } from 'node:path';
import { requireEmbeddedProfile } from '../embedded-profile';

const DISTRIBUTED =
  'CLF_PROFILE=distributed keeps its data in EventStoreDB and MongoDB, not in a data directory, so this command does not apply. ' +
  'Back up EventStoreDB with its own backup (a disk snapshot, or its files in the documented order) and MongoDB with mongodump; ' +
  'the README section "Backup and restore" says how.';

/**
 * The data directory an operation works on: `--data-dir` when given, else `CLF_DATA_DIR`,
 * else `./data` — the server's rule. Refused for the distributed profile, which has none.
 */
export function embeddedDataDir(env: NodeJS.ProcessEnv, given?: string): string {
  requireEmbeddedProfile(env, DISTRIBUTED);
  return resolve(given?.trim() || env.CLF_DATA_DIR?.trim() || './data');
}
