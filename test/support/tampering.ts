import { join } from 'node:path';
import Database from 'better-sqlite3';

/** What a forged event claims: a case's categories (its personal data is sealed, so a forger cannot write that). */
export const FORGED_CATEGORY = 'forged';

/**
 * What someone with write access to the embedded store's file might do: change what one of a
 * case's events says, behind CLF's back — its categories, which are stored in clear.
 */
export function forgeEvent(dataDir: string, caseId: string, revision = 0): void {
  const db = new Database(join(dataDir, 'events.db'));
  try {
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.categories', json_array(?)) WHERE stream = ? AND revision = ?`,
    ).run(FORGED_CATEGORY, `clfcase-${caseId}`, revision);
  } finally {
    db.close();
  }
}

/**
 * What losing part of case-keys.db does (a bad restore, a hand-edited file): the case's key
 * gone with no erasure recorded, so its sealed personal data cannot be read.
 */
export function loseCaseKey(dataDir: string, caseId: string): void {
  const db = new Database(join(dataDir, 'case-keys.db'));
  try {
    db.prepare('DELETE FROM case_keys WHERE case_id = ?').run(caseId);
  } finally {
    db.close();
  }
}
