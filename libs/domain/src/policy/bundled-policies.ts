import dmm from './bundled/dmm.policy.json';
import mactri from './bundled/mactri.policy.json';
import { parsePolicy } from './parse-policy';
import type { Policy } from './policy';

const BUNDLED = { dmm, mactri } as const;

export type BundledPolicyId = keyof typeof BUNDLED;
export const DEFAULT_POLICY_ID: BundledPolicyId = 'dmm';

export function isBundledPolicyId(id: string): id is BundledPolicyId {
  return Object.hasOwn(BUNDLED, id);
}

/** A bundled policy, validated like any other policy file. */
export function bundledPolicy(id: BundledPolicyId): Policy {
  return parsePolicy(BUNDLED[id], `${id} (bundled)`);
}
