import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chmod } from 'node:fs/promises';
import { keepNewFilesPrivate, makePrivate } from './private-files';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('keeping the data private', () => {
  it('narrows what others could read, folders and files alike, and says what it changed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clf-private-'));
    chmodSync(root, 0o755);
    mkdirSync(join(root, 'documents'), { mode: 0o755 });
    writeFileSync(join(root, 'events.db'), 'x', { mode: 0o644 });
    writeFileSync(join(root, 'documents', 'doc'), 'x', { mode: 0o600 });
    chmodSync(join(root, 'events.db'), 0o644);
    chmodSync(join(root, 'documents'), 0o755);
    const changed = await makePrivate(root);
    expect(changed).toEqual(
      expect.arrayContaining([
        { path: root, from: '0755', to: '0700' },
        { path: join(root, 'events.db'), from: '0644', to: '0600' },
        { path: join(root, 'documents'), from: '0755', to: '0700' },
      ]),
    );
    expect(changed).toHaveLength(3); // the document was private already
    expect(modeOf(join(root, 'events.db'))).toBe(0o600);
    expect(await makePrivate(root)).toEqual([]);
  });

  it('leaves symbolic links, and what they point to, alone', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'clf-outside-'));
    writeFileSync(join(outside, 'shared.txt'), 'x');
    chmodSync(join(outside, 'shared.txt'), 0o644);
    const root = mkdtempSync(join(tmpdir(), 'clf-private-'));
    symlinkSync(join(outside, 'shared.txt'), join(root, 'link'));
    await makePrivate(root);
    expect(modeOf(join(outside, 'shared.txt'))).toBe(0o644);
  });

  it('has the process create new files for its own account only', () => {
    const before = process.umask();
    try {
      keepNewFilesPrivate();
      const root = mkdtempSync(join(tmpdir(), 'clf-umask-'));
      writeFileSync(join(root, 'new'), 'x');
      mkdirSync(join(root, 'folder'));
      expect(modeOf(join(root, 'new'))).toBe(0o600);
      expect(modeOf(join(root, 'folder'))).toBe(0o700);
    } finally {
      process.umask(before);
    }
  });

  it('goes on past what it may not touch (a root-owned lost+found at the top of a mounted disk), and says so', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clf-private-'));
    mkdirSync(join(root, 'lost+found'), { mode: 0o755 });
    chmodSync(join(root, 'lost+found'), 0o755);
    writeFileSync(join(root, 'events.db'), 'x', { mode: 0o644 });
    chmodSync(join(root, 'events.db'), 0o644);
    const refused: string[] = [];
    const notOurs = Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    const changed = await makePrivate(root, {
      chmod: async (path, mode) => {
        if (path.endsWith('lost+found')) throw notOurs;
        await chmod(path, mode);
      },
      onRefused: (path) => refused.push(path),
    });
    expect(refused).toEqual([join(root, 'lost+found')]);
    expect(changed).toEqual([{ path: join(root, 'events.db'), from: '0644', to: '0600' }]);
  });
});
