import { ROLES, type Role } from '#domain';
import {
  DURATION_FORMAT,
  durationSeconds,
  formatDuration,
  hs256Secret,
  issueToken,
  loadConfig,
} from '#api/offline';
import { parseOptions, runCommand, UsageError, type CommandOutput } from '../command-line';

/** Long enough for a working day at the keyboard; never beyond what the server accepts. */
const USUAL_EXPIRY_SECONDS = 8 * 3600;

const TOKEN_USAGE = `Usage: npm run -s token -- --sub <id> --name "<full name>" --roles <role>[,<role>…] [--expires-in 8h]
Roles: ${ROLES.join(', ')}
--expires-in: ${DURATION_FORMAT}; at most CLF_JWT_MAX_LIFETIME (12h unless set)`;

function readRoles(list: string): Role[] {
  const roles = list.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !ROLES.includes(role as Role));
  if (unknown.length > 0) throw new UsageError(`Unknown role ${unknown.join(', ')}.`);
  return roles as Role[];
}

function readExpiry(given: string | undefined, maxLifetimeSeconds: number): number {
  if (given === undefined) return Math.min(USUAL_EXPIRY_SECONDS, maxLifetimeSeconds);
  const seconds = durationSeconds(given);
  if (seconds === null) throw new UsageError(`--expires-in takes ${DURATION_FORMAT}.`);
  if (seconds > maxLifetimeSeconds)
    throw new UsageError(
      `--expires-in ${given} is longer than the ${formatDuration(maxLifetimeSeconds)} the server accepts (CLF_JWT_MAX_LIFETIME).`,
    );
  return seconds;
}

/** `npm run token`: prints a bearer token signed with the configured HS256 secret. */
export function tokenCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
  now: Date = new Date(),
): Promise<number> {
  return runCommand(output, TOKEN_USAGE, 'Issuing the token failed', async () => {
    const values = parseOptions(argv, {
      sub: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      'expires-in': { type: 'string' },
    });
    if (!values.sub || !values.roles) throw new UsageError('Give --sub and --roles.');
    const roles = readRoles(values.roles);
    const config = loadConfig(env);
    const expiresInSeconds = readExpiry(values['expires-in'], config.jwt.maxLifetimeSeconds);
    if (config.jwt.algorithm !== 'HS256')
      throw new UsageError('CLF_JWT_JWKS_URL is set: tokens come from your identity provider.');
    const token = await issueToken(
      hs256Secret(config.jwt),
      { sub: values.sub, name: values.name ?? values.sub, roles },
      { expiresInSeconds, now },
    );
    output.out(token);
    return 0;
  });
}
