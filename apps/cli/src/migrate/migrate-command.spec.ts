import { capturedOutput } from '../testing/captured-output';
import { migrateCommand } from './migrate-command';

async function migrate(argv: string[], env: NodeJS.ProcessEnv) {
  const { output, out, err } = capturedOutput();
  const status = await migrateCommand(argv, env, output);
  return { status, out: out(), err: err() };
}

describe('npm run migrate', () => {
  it('refuses the distributed profile, saying this version re-writes only a data directory, before asking for its settings', async () => {
    expect(await migrate([], { CLF_PROFILE: 'distributed' })).toEqual({
      status: 1,
      out: '',
      err: 'CLF_PROFILE=distributed: this version re-writes only an embedded data directory. An EventStoreDB store made before personal data was encrypted has to be re-written by replaying its streams into a new database (not provided yet).',
    });
  });

  it('refuses a profile that does not exist, naming it', async () => {
    expect(await migrate(['--data-dir', '/nowhere'], { CLF_PROFILE: 'cloud' })).toMatchObject({
      status: 1,
      err: 'CLF_PROFILE is "cloud", which is not a profile: use embedded or distributed.',
    });
  });
});
