import { parseArgs } from 'node:util';
import { ROLES, type Role } from '#domain';
import { loadConfig } from '../config/app-config';
import { ConfigError } from '../config/config.error';
import { durationSeconds, issueToken } from './issue-token';
import { hs256Secret } from './jwt-secret';
import { keepNewFilesPrivate } from '../file-permissions/private-files';

const USAGE = `Usage: npm run -s token -- --sub <id> --name "<full name>" --roles <role>[,<role>…] [--expires-in 8h]
Roles: ${ROLES.join(', ')}`;

/** Prints a bearer token signed with the configured HS256 secret (CLF_JWT_SECRET or the data directory's). */
async function main(): Promise<void> {
  keepNewFilesPrivate();
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      'expires-in': { type: 'string', default: '8h' },
    },
  });
  if (!values.sub || !values.roles) throw new UsageError('give --sub and --roles');
  const roles = values.roles.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !ROLES.includes(role as Role));
  if (unknown.length > 0) throw new UsageError(`unknown role ${unknown.join(', ')}`);
  const expiresInSeconds = durationSeconds(values['expires-in']);
  if (expiresInSeconds === null)
    throw new UsageError('--expires-in takes a number and s, m, h or d, e.g. 8h');

  const config = loadConfig(process.env);
  if (config.jwt.algorithm !== 'HS256')
    throw new UsageError('CLF_JWT_JWKS_URL is set: tokens come from your identity provider');
  const token = await issueToken(
    hs256Secret(config.jwt),
    { sub: values.sub, name: values.name ?? values.sub, roles: roles as Role[] },
    { expiresInSeconds },
  );
  process.stdout.write(`${token}\n`);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof ConfigError) console.error(`Configuration error — ${error.message}`);
  else console.error(String(error));
  process.exit(1);
});
