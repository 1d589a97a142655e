import { OperationRefusedError } from './operation-refused.error';

/**
 * Refuses a command that works on the embedded data directory unless CLF_PROFILE is
 * `embedded` (the default): for `distributed`, with the command's own message saying what to
 * do instead; for anything else, as not a profile.
 */
export function requireEmbeddedProfile(env: NodeJS.ProcessEnv, whenDistributed: string): void {
  const profile = env.CLF_PROFILE?.trim() || 'embedded';
  if (profile === 'distributed') throw new OperationRefusedError(whenDistributed);
  if (profile !== 'embedded')
    throw new OperationRefusedError(
      `CLF_PROFILE is "${profile}", which is not a profile: use embedded or distributed.`,
    );
}
