import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capturedOutput } from '../testing/captured-output';
import { REBUILD_USAGE, rebuildCommand } from './rebuild-command';

async function rebuild(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const { output, out, err, progress } = capturedOutput();
  const status = await rebuildCommand(argv, env, output);
  return { status, out: out(), err: err(), progress: progress() };
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
