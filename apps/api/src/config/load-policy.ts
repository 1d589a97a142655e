import { readFileSync } from 'node:fs';
import {
  bundledPolicy,
  DEFAULT_POLICY_ID,
  isBundledPolicyId,
  parsePolicy,
  PolicyValidationError,
  type Policy,
} from '#domain';
import { ConfigError } from './config.error';

/** `CLF_POLICY`: a bundled policy id, or the path of a policy JSON file. */
export function loadPolicy(setting: string | undefined): Policy {
  const value = setting?.trim() || DEFAULT_POLICY_ID;
  if (isBundledPolicyId(value)) return bundledPolicy(value);
  if (!value.endsWith('.json')) {
    throw new ConfigError(
      'CLF_POLICY',
      `"${value}" is neither a bundled policy (dmm, mactri) nor a path to a .json policy file`,
    );
  }
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'CLF_POLICY',
      `cannot read policy file ${value}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      'CLF_POLICY',
      `policy file ${value} is not valid JSON: ${(error as Error).message}`,
    );
  }
  try {
    return parsePolicy(json, value);
  } catch (error) {
    if (error instanceof PolicyValidationError) throw new ConfigError('CLF_POLICY', error.message);
    throw error;
  }
}
