import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, sqliteFilesOf } from './open-sqlite';

describe('a SQLite file as every CLF store opens it', () => {
  it('is made of the file, its write-ahead log and its shared-memory index while open', () => {
    const filename = join(mkdtempSync(join(tmpdir(), 'clf-sqlite-')), 'store.db');
    const db = openSqlite(filename);
    db.exec('CREATE TABLE t (n INTEGER)');
    expect(sqliteFilesOf(filename)).toEqual([filename, `${filename}-wal`, `${filename}-shm`]);
    expect(sqliteFilesOf(filename).every((file) => existsSync(file))).toBe(true);
    db.close();
  });
});
