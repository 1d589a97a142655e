import { requireEmbeddedProfile } from './embedded-profile';
import { OperationRefusedError } from './operation-refused.error';

describe('a command for the embedded data directory', () => {
  const refusal = (env: NodeJS.ProcessEnv) => {
    try {
      requireEmbeddedProfile(env, 'Back up EventStoreDB with its own tools.');
    } catch (error) {
      return error;
    }
    return null;
  };

  it('goes ahead for the embedded profile, whether set or left to the default', () => {
    expect(refusal({})).toBeNull();
    expect(refusal({ CLF_PROFILE: ' embedded ' })).toBeNull();
    expect(refusal({ CLF_PROFILE: '' })).toBeNull();
  });

  it('is refused for the distributed profile with the command’s own message', () => {
    const refused = refusal({ CLF_PROFILE: 'distributed' });
    expect(refused).toBeInstanceOf(OperationRefusedError);
    expect((refused as Error).message).toBe('Back up EventStoreDB with its own tools.');
  });

  it('is refused for a profile that does not exist, naming it', () => {
    expect((refusal({ CLF_PROFILE: 'cloud' }) as Error).message).toBe(
      'CLF_PROFILE is "cloud", which is not a profile: use embedded or distributed.',
    );
  });
});
