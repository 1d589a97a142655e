import Database from 'better-sqlite3';

/**
 * `full`: every commit is fsynced to the WAL before it is acknowledged — survives a
 * killed process and a power loss. `normal`: survives a killed process; a power loss
 * may lose the last commits (never corrupts the file).
 */
export type SqliteDurability = 'full' | 'normal';

/** Beside a SQLite file in WAL mode: its write-ahead log and its shared-memory index. */
export const SQLITE_SIDE_FILES = ['-wal', '-shm'] as const;

/** The files a SQLite database in WAL mode is made of: to remove it whole. */
export const sqliteFilesOf = (filename: string): string[] => [
  filename,
  ...SQLITE_SIDE_FILES.map((suffix) => filename + suffix),
];

/** Opens a SQLite file the way every CLF store uses it: WAL, the chosen durability, a wait for locks. */
export function openSqlite(
  filename: string,
  durability: SqliteDurability = 'full',
): Database.Database {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
