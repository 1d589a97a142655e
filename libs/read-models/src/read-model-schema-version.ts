import { ReadModelsNotReadyError } from './read-model.port';

/**
 * The shape of the stored read models — the SQLite tables and the MongoDB documents alike,
 * and the report facts they hold: bumped whenever any of them changes. A generation of another version is emptied and refilled
 * from the events (read models are derived data; the checkpoint goes with them).
 */
// 6: cases keep their learning points; the annual report's facts count each complaint once.
// 7: cases' deadlines keep their original due date and their extensions.
// 8: cases keep their erasure and legal hold, and when retention erases them.
// 9: cases keep who they are about (complainant's and representative's keys) for subject access.
// 10: cases name when the oldest e-mail the outbox holds for them was written (the outbox index).
export const READ_MODEL_SCHEMA_VERSION = 10;

/**
 * Whether a generation stored at `version` (null: none yet) must be emptied before use.
 * A process that may not `migrate` (one that only reads, such as an API replica) never
 * empties what another process writes: it finds the read models not ready instead.
 */
export function mustEmpty(version: number | null, migrate: boolean): boolean {
  if (version === READ_MODEL_SCHEMA_VERSION) return false;
  if (!migrate)
    throw new ReadModelsNotReadyError(
      `read models at version ${version ?? 'none'}, expected ${READ_MODEL_SCHEMA_VERSION}`,
    );
  return true;
}
