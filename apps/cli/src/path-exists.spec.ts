import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exists } from './path-exists';

describe('whether anything is at a path', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'clf-path-exists-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds a file, a directory, and a link even when it leads nowhere', async () => {
    await writeFile(join(dir, 'events.db'), '');
    await mkdir(join(dir, 'documents'));
    await symlink(join(dir, 'gone'), join(dir, 'dangling'));
    await expect(exists(join(dir, 'events.db'))).resolves.toBe(true);
    await expect(exists(join(dir, 'documents'))).resolves.toBe(true);
    await expect(exists(join(dir, 'dangling'))).resolves.toBe(true);
  });

  it('finds nothing where nothing is, nor beneath a file', async () => {
    await writeFile(join(dir, 'events.db'), '');
    await expect(exists(join(dir, 'missing'))).resolves.toBe(false);
    await expect(exists(join(dir, 'events.db', 'inside'))).resolves.toBe(false);
  });

  it('passes on any other failure to look rather than answer no (here a path no file system takes)', async () => {
    await expect(exists(`${dir}/\0`)).rejects.toThrow();
  });
});
