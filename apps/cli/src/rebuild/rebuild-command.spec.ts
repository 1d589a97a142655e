import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandOutput } from '../command-line';
import { REBUILD_USAGE, rebuildCommand } from './rebuild-command';

async function rebuild(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const output: CommandOutput = {
    out: (line) => void out.push(line),
    err: (line) => void err.push(line),
    progress: { isTTY: false, write: (text: string) => progress.push(text) } as never,
  };
  const status = await rebuildCommand(argv, env, output);
  return { status, out: out.join('\n'), err: err.join('\n'), progress: progress.join('') };
}

describe('npm run projections:rebuild', () => {
  it.each(['--help', '-h'])('answers %s with its usage and rebuilds nothing', async (flag) => {
    expect(await rebuild([flag])).toEqual({ status: 0, out: REBUILD_USAGE, err: '', progress: '' });
  });

  it('refuses what it does not take, with the usage, and exits 2', async () => {
    expect(await rebuild(['now'])).toMatchObject({
      status: 2,
      err: `Unexpected "now".\n${REBUILD_USAGE}`,
    });
  });

  it('says which setting is wrong instead of starting', async () => {
    expect(await rebuild([], { CLF_PROFILE: 'cloud' })).toMatchObject({
      status: 1,
      err: expect.stringMatching(/^Configuration error — CLF_PROFILE/),
    });
  });

  it('rebuilds the configured store into a new generation', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clf-rebuild-'));
    const done = await rebuild([], {
      CLF_DATA_DIR: dataDir,
      CLF_JWT_SECRET: 'rebuild-command-secret-that-is-long-enough-0123456789',
    });
    expect(done).toMatchObject({ status: 0, err: '' });
    expect(done.progress).toMatch(
      /Rebuilt generation \d+ from 0 events in [\d.]+ s; queries now read it\./,
    );
  });
});
