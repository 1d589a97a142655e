import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * What someone with write access to the embedded store's file might do: change the summary
 * stored in one of a case's events, behind CLF's back.
 */
export function forgeSummary(dataDir: string, caseId: string, revision = 0): void {
  const db = new Database(join(dataDir, 'events.db'));
  try {
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.summary', 'Nothing happened') WHERE stream = ? AND revision = ?`,
    ).run(`clfcase-${caseId}`, revision);
  } finally {
    db.close();
  }
}
