import { resolve } from 'node:path';
import type { Policy } from '#domain';
import { ConfigError } from './config.error';
import { loadPolicy } from './load-policy';

export interface AppConfig {
  port: number;
  dataDir: string;
  policy: Policy;
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535) {
    throw new ConfigError('PORT', `"${value}" is not a port: give a whole number from 1 to 65535`);
  }
  return port;
}

/** Reads and checks the environment once, at start-up; a bad value stops the server. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  return {
    port: readPort(env.PORT),
    dataDir: resolve(env.CLF_DATA_DIR?.trim() || './data'),
    policy: loadPolicy(env.CLF_POLICY),
  };
}

export const APP_CONFIG = Symbol('AppConfig');
