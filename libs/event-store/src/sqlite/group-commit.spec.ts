import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';
import { openSqlite } from './open-sqlite';

function setUp() {
  const filename = join(mkdtempSync(join(tmpdir(), 'clf-gc-')), 'g.db');
  const db = openSqlite(filename);
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  let commits = 0;
  const commit = new GroupCommit(db, () => (commits += 1));
  const insert = db.prepare<[number]>('INSERT INTO t (n) VALUES (?)');
  const other = new Database(filename, { readonly: true });
  const seenByOthers = () =>
    (other.prepare('SELECT n FROM t ORDER BY n').all() as { n: number }[]).map((row) => row.n);
  return { db, filename, commit, insert, seenByOthers, commits: () => commits };
}

describe('GroupCommit', () => {
  it('commits the writes asked for at the same moment in one transaction', async () => {
    const { commit, insert, seenByOthers, commits } = setUp();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => commit.write(() => insert.run(n).changes)),
    );
    expect(results).toEqual([1, 1, 1, 1, 1]);
    expect(commits()).toBe(1);
    expect(seenByOthers()).toEqual([1, 2, 3, 4, 5]);
  });

  it('settles no write before its transaction has committed', async () => {
    const { db, commit, insert, seenByOthers } = setUp();
    let insideTransaction = false;
    const written = commit.write(() => {
      insideTransaction = db.inTransaction;
      return insert.run(7);
    });
    expect(seenByOthers()).toEqual([]); // asked for, not yet run
    await written;
    expect(insideTransaction).toBe(true);
    expect(db.inTransaction).toBe(false);
    expect(seenByOthers()).toEqual([7]);
  });

  it('fails a write that throws on its own, taking back all it wrote, and commits the rest', async () => {
    const { commit, insert, seenByOthers, commits } = setUp();
    const outcomes = await Promise.allSettled([
      commit.write(() => insert.run(1)),
      commit.write(() => {
        insert.run(2);
        insert.run(1); // duplicate key: this write fails after writing a row
      }),
      commit.write(() => insert.run(3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seenByOthers()).toEqual([1, 3]);
    expect(commits()).toBe(1);
  });

  it('fails a lone write that throws, committing nothing', async () => {
    const { commit, insert, seenByOthers, commits } = setUp();
    await expect(
      commit.write(() => {
        insert.run(1);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(seenByOthers()).toEqual([]);
    expect(commits()).toBe(0);
  });

  it('fails every write of a transaction that cannot start, and recovers for the next', async () => {
    const { db, filename, commit, insert, seenByOthers } = setUp();
    db.pragma('busy_timeout = 0');
    const holder = new Database(filename);
    holder.exec('BEGIN IMMEDIATE'); // another connection holds the write lock
    const outcomes = await Promise.allSettled([
      commit.write(() => insert.run(1)),
      commit.write(() => insert.run(2)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    holder.exec('ROLLBACK');
    await commit.write(() => insert.run(3));
    expect(seenByOthers()).toEqual([3]);
  });

  it('commits what waits when flushed by hand (before the database closes)', () => {
    const { commit, insert, seenByOthers } = setUp();
    void commit.write(() => insert.run(9));
    commit.flush();
    expect(seenByOthers()).toEqual([9]);
  });

  it('refuses a write that is not synchronous, or that asks for another write', async () => {
    const { commit, insert, seenByOthers } = setUp();
    await expect(
      commit.write(async () => {
        insert.run(1);
      }),
    ).rejects.toThrow('synchronous');
    let inner: Promise<unknown> | undefined;
    await expect(
      commit.write(() => {
        inner = commit.write(() => insert.run(2));
        insert.run(3);
      }),
    ).resolves.toBeUndefined();
    await expect(inner).rejects.toThrow('another write');
    expect(seenByOthers()).toEqual([3]);
  });
});
