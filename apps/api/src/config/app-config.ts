import { parseMasterKey, type MasterKeySource } from '#personal-data';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Policy } from '#domain';
import { ESDB_CONNECTION_SCHEMES } from '#event-store';
import { ConfigError } from './config.error';
import { DURATION_FORMAT, durationSeconds, formatDuration } from './duration';
import { loadPolicy } from './load-policy';
import { DATA_DIR_ENTRIES } from '../storage/data-dir-entries';

export type Profile = 'embedded' | 'distributed';

/**
 * What a process does: `all` serves the API and runs the projections and the job timers;
 * in a split deployment `api` replicas serve the API and follow the read models that one
 * `worker` keeps (it serves only the health endpoints).
 */
export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What bearer tokens are checked with: a shared HS256 secret (embedded/dev) or an RS256 key set. */
export type JwtKeys =
  | { algorithm: 'HS256'; secret: string | null; secretFile: string }
  | { algorithm: 'RS256'; jwksUrl: string; issuer: string; audience: string };

/** How bearer tokens are checked, and how long one may live at most. */
export type JwtSettings = JwtKeys & { maxLifetimeSeconds: number };

/** `CLF_MASTER_KEY`, or (embedded only) a key generated into the data directory on first use. */
export type MasterKeySettings = MasterKeySource;

export interface AppConfig {
  port: number;
  profile: Profile;
  dataDir: string;
  policy: Policy;
  jwt: JwtSettings;
  /** What wraps each case's data key (docs/personal-data.md). */
  masterKey: MasterKeySettings;
  /** Distributed profile only. */
  eventStoreConnectionString: string | null;
  mongodbUri: string | null;
  /** Whether the scheduled jobs run on their timers; off leaves them to the admin endpoints. */
  scheduler: boolean;
  role: Role;
  logLevel: LogLevel;
  /** How many bytes of documents one case may hold. */
  documentsPerCaseBytes: number;
  console: ConsoleSettings;
  correspondence: CorrespondenceSettings;
}

/** Writing to complainants: whose letters, and how e-mail leaves. */
export interface CorrespondenceSettings {
  /** A folder whose `<letter>.njk` files replace the policy's bundled letters; null for none. */
  templatesFolder: string | null;
  /** The mail server (smtp:// or smtps://); null keeps e-mails waiting in the outbox. */
  smtpUrl: string | null;
  /** The sender of every e-mail, e.g. `Complaints <complaints@example.ac.uk>`. */
  mailFrom: string | null;
}

/** The staff console: where people reach it, and how long a signed-in session lasts. */
export interface ConsoleSettings {
  /** The console's address as people type it; its scheme decides whether cookies are Secure. */
  publicUrl: URL;
  /** A session unused this long ends. */
  sessionIdleSeconds: number;
  /** A session ends this long after sign-in, however busy. */
  sessionMaxSeconds: number;
  /** Signing in with the organisation's identity provider; null when only local accounts are used. */
  oidc: OidcSettings | null;
}

/** The organisation's OpenID provider (Microsoft Entra ID, Google Workspace, …) and the console's client there. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Whose accounts, in the sign-in button's words: "Sign in with Microsoft". */
  name: string;
}

const given = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535) {
    throw new ConfigError('PORT', `"${value}" is not a port: give a whole number from 1 to 65535`);
  }
  return port;
}

function readProfile(value: string | undefined): Profile {
  const profile = given(value) ?? 'embedded';
  if (profile !== 'embedded' && profile !== 'distributed')
    throw new ConfigError(
      'CLF_PROFILE',
      `"${profile}" is not a profile: use embedded or distributed`,
    );
  return profile;
}

function readChoice<T extends string>(
  variable: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  const setting = given(value)?.toLowerCase() ?? fallback;
  if (!(choices as readonly string[]).includes(setting))
    throw new ConfigError(variable, `"${value}" is not one of ${choices.join(', ')}`);
  return setting as T;
}

/** A stolen token is useful for a working day at most, unless configured otherwise. */
const DEFAULT_MAX_TOKEN_LIFETIME = '12h';

function readMaxLifetime(value: string | undefined): number {
  const setting = given(value) ?? DEFAULT_MAX_TOKEN_LIFETIME;
  const seconds = durationSeconds(setting);
  if (seconds === null)
    throw new ConfigError(
      'CLF_JWT_MAX_LIFETIME',
      `"${setting}" is not a duration: give ${DURATION_FORMAT}`,
    );
  return seconds;
}

/** An HS256 secret shorter than this is guessable by brute force. */
const MIN_SECRET_LENGTH = 32;

function readJwt(env: NodeJS.ProcessEnv, dataDir: string, profile: Profile): JwtSettings {
  return {
    ...readJwtKeys(env, dataDir, profile),
    maxLifetimeSeconds: readMaxLifetime(env.CLF_JWT_MAX_LIFETIME),
  };
}

function readJwtKeys(env: NodeJS.ProcessEnv, dataDir: string, profile: Profile): JwtKeys {
  const jwksUrl = given(env.CLF_JWT_JWKS_URL);
  if (jwksUrl) {
    if (!/^https?:\/\/[^\s]+$/.test(jwksUrl) || !URL.canParse(jwksUrl))
      throw new ConfigError('CLF_JWT_JWKS_URL', `"${jwksUrl}" is not an http(s) URL`);
    const issuer = given(env.CLF_JWT_ISSUER);
    const audience = given(env.CLF_JWT_AUDIENCE);
    if (!issuer)
      throw new ConfigError(
        'CLF_JWT_ISSUER',
        'is required with CLF_JWT_JWKS_URL: the `iss` tokens must carry',
      );
    if (!audience)
      throw new ConfigError(
        'CLF_JWT_AUDIENCE',
        'is required with CLF_JWT_JWKS_URL: the `aud` tokens must carry',
      );
    return { algorithm: 'RS256', jwksUrl, issuer, audience };
  }
  const secret = given(env.CLF_JWT_SECRET) ?? null;
  if (secret === null && profile === 'distributed')
    throw new ConfigError(
      'CLF_JWT_SECRET',
      'is required for CLF_PROFILE=distributed (every replica must check tokens with the same secret), unless CLF_JWT_JWKS_URL is set',
    );
  if (secret !== null && secret.length < MIN_SECRET_LENGTH)
    throw new ConfigError(
      'CLF_JWT_SECRET',
      `is ${secret.length} characters: give at least ${MIN_SECRET_LENGTH}, or leave it unset to have one generated into the data directory`,
    );
  return { algorithm: 'HS256', secret, secretFile: resolve(dataDir, DATA_DIR_ENTRIES.jwtSecret) };
}

function readMasterKey(
  value: string | undefined,
  dataDir: string,
  profile: Profile,
): MasterKeySettings {
  const text = given(value);
  if (text === undefined) {
    if (profile === 'distributed')
      throw new ConfigError(
        'CLF_MASTER_KEY',
        'is required for CLF_PROFILE=distributed (every replica must open the case keys with the same key): 64 hex digits, e.g. from `openssl rand -hex 32`',
      );
    return { file: resolve(dataDir, DATA_DIR_ENTRIES.masterKey) };
  }
  const key = parseMasterKey(text);
  if (!key)
    throw new ConfigError(
      'CLF_MASTER_KEY',
      'must be 32 bytes, as 64 hex digits or in base64 (e.g. from `openssl rand -hex 32`)',
    );
  return { key };
}

function readServer(
  variable: string,
  value: string | undefined,
  schemes: string[],
  profile: Profile,
) {
  const setting = given(value) ?? null;
  if (setting === null) {
    if (profile === 'distributed')
      throw new ConfigError(
        variable,
        `is required for CLF_PROFILE=distributed (${schemes[0]}://…)`,
      );
    return null;
  }
  if (!schemes.some((scheme) => setting.startsWith(`${scheme}://`)))
    throw new ConfigError(
      variable,
      `"${setting}" must start with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    );
  return setting;
}

/** Room enough for a few dozen scanned letters and photographs on even a long case. */
const DEFAULT_DOCUMENTS_PER_CASE_MB = 200;

function readDocumentsPerCase(value: string | undefined): number {
  const setting = given(value);
  if (setting === undefined) return DEFAULT_DOCUMENTS_PER_CASE_MB * 1024 * 1024;
  const megabytes = Number(setting);
  if (!/^\d+$/.test(setting) || megabytes < 1)
    throw new ConfigError(
      'CLF_DOCUMENTS_PER_CASE_MB',
      `"${setting}" is not a size: give a whole number of megabytes, at least 1 (default ${DEFAULT_DOCUMENTS_PER_CASE_MB})`,
    );
  return megabytes * 1024 * 1024;
}

function readPublicUrl(value: string | undefined): URL {
  const setting = given(value) ?? 'http://localhost:3000';
  if (!/^https?:\/\/[^\s]+$/.test(setting) || !URL.canParse(setting))
    throw new ConfigError(
      'CLF_PUBLIC_URL',
      `"${setting}" is not an http(s) address, e.g. https://feedback.example.ac.uk`,
    );
  return new URL(setting);
}

function readSessionDuration(variable: string, value: string | undefined, fallback: string) {
  const setting = given(value) ?? fallback;
  const seconds = durationSeconds(setting);
  if (seconds === null)
    throw new ConfigError(variable, `"${setting}" is not a duration: give ${DURATION_FORMAT}`);
  return seconds;
}

/** The three settings a provider needs, named as people set them. */
const OIDC_REQUIRED = ['CLF_OIDC_ISSUER', 'CLF_OIDC_CLIENT_ID', 'CLF_OIDC_CLIENT_SECRET'] as const;

/** What the sign-in button says without CLF_OIDC_NAME: "Sign in with your organisation's account". */
export const DEFAULT_OIDC_NAME = "your organisation's account";

/** A button's words, not a paragraph. */
const MAX_OIDC_NAME = 60;

/** Hosts where plain http is this machine talking to itself: for trying a provider locally. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLoopback = (address: URL) => LOOPBACK_HOSTS.has(address.hostname);

function readOidcIssuer(value: string): URL {
  const issuer = URL.canParse(value) ? new URL(value) : null;
  if (!issuer || !/^https?:$/.test(issuer.protocol) || issuer.search || issuer.hash)
    throw new ConfigError(
      'CLF_OIDC_ISSUER',
      `"${value}" is not an issuer address, e.g. https://login.microsoftonline.com/<tenant id>/v2.0`,
    );
  if (issuer.protocol === 'http:' && !isLoopback(issuer))
    throw new ConfigError(
      'CLF_OIDC_ISSUER',
      `"${value}" must be https (plain http only on this machine: localhost or 127.0.0.1)`,
    );
  return issuer;
}

function readOidc(env: NodeJS.ProcessEnv): OidcSettings | null {
  const set = OIDC_REQUIRED.filter((variable) => given(env[variable]));
  const name = given(env.CLF_OIDC_NAME);
  if (set.length === 0) {
    if (name)
      throw new ConfigError('CLF_OIDC_NAME', 'is used only with CLF_OIDC_ISSUER, which is not set');
    return null;
  }
  const missing = OIDC_REQUIRED.find((variable) => !given(env[variable]));
  if (missing)
    throw new ConfigError(
      missing,
      `is required with ${set.join(' and ')}: signing in with an identity provider needs ${OIDC_REQUIRED.join(', ')}`,
    );
  if (!given(env.CLF_PUBLIC_URL))
    throw new ConfigError(
      'CLF_PUBLIC_URL',
      'is required with CLF_OIDC_ISSUER: the provider sends people back to the console at this address',
    );
  if (name && name.length > MAX_OIDC_NAME)
    throw new ConfigError(
      'CLF_OIDC_NAME',
      `is ${name.length} characters: give at most ${MAX_OIDC_NAME}, e.g. Microsoft`,
    );
  return {
    issuer: readOidcIssuer(given(env.CLF_OIDC_ISSUER)!),
    clientId: given(env.CLF_OIDC_CLIENT_ID)!,
    clientSecret: given(env.CLF_OIDC_CLIENT_SECRET)!,
    name: name ?? DEFAULT_OIDC_NAME,
  };
}

function readConsole(env: NodeJS.ProcessEnv): ConsoleSettings {
  const sessionIdleSeconds = readSessionDuration('CLF_SESSION_IDLE', env.CLF_SESSION_IDLE, '30m');
  const sessionMaxSeconds = readSessionDuration('CLF_SESSION_MAX', env.CLF_SESSION_MAX, '12h');
  if (sessionIdleSeconds > sessionMaxSeconds)
    throw new ConfigError(
      'CLF_SESSION_IDLE',
      `is longer than CLF_SESSION_MAX (${formatDuration(sessionMaxSeconds)}): a session cannot stay idle longer than it may last`,
    );
  return {
    publicUrl: readPublicUrl(env.CLF_PUBLIC_URL),
    sessionIdleSeconds,
    sessionMaxSeconds,
    oidc: readOidc(env),
  };
}

function readTemplatesFolder(value: string | undefined): string | null {
  const setting = given(value);
  if (setting === undefined) return null;
  const folder = resolve(setting);
  const isFolder = (() => {
    try {
      return statSync(folder).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!isFolder)
    throw new ConfigError('CLF_TEMPLATES', `"${setting}" is not a folder of letter templates`);
  return folder;
}

function readCorrespondence(env: NodeJS.ProcessEnv): CorrespondenceSettings {
  const smtpUrl = given(env.CLF_SMTP_URL) ?? null;
  if (smtpUrl !== null && (!/^smtps?:\/\/[^\s]+$/.test(smtpUrl) || !URL.canParse(smtpUrl)))
    throw new ConfigError(
      'CLF_SMTP_URL',
      'is not a mail server address: give smtp://host:587 or smtps://user:password@host:465',
    );
  const mailFrom = given(env.CLF_MAIL_FROM) ?? null;
  if (smtpUrl !== null && mailFrom === null)
    throw new ConfigError(
      'CLF_MAIL_FROM',
      'is required with CLF_SMTP_URL: the sender of every e-mail, e.g. Complaints <complaints@example.ac.uk>',
    );
  return { templatesFolder: readTemplatesFolder(env.CLF_TEMPLATES), smtpUrl, mailFrom };
}

/** Reads and checks the environment once, at start-up; a bad value stops the server. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const profile = readProfile(env.CLF_PROFILE);
  const dataDir = resolve(given(env.CLF_DATA_DIR) ?? './data');
  return {
    port: readPort(env.PORT),
    profile,
    dataDir,
    policy: loadPolicy(env.CLF_POLICY),
    jwt: readJwt(env, dataDir, profile),
    eventStoreConnectionString: readServer(
      'EVENTSTORE_CONNECTION_STRING',
      env.EVENTSTORE_CONNECTION_STRING,
      [...ESDB_CONNECTION_SCHEMES],
      profile,
    ),
    mongodbUri: readServer('MONGODB_URI', env.MONGODB_URI, ['mongodb', 'mongodb+srv'], profile),
    masterKey: readMasterKey(env.CLF_MASTER_KEY, dataDir, profile),
    scheduler: readChoice('CLF_SCHEDULER', env.CLF_SCHEDULER, ['on', 'off'], 'on') === 'on',
    role: readChoice('CLF_ROLE', env.CLF_ROLE, ROLES, 'all'),
    logLevel: readChoice('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, 'info'),
    documentsPerCaseBytes: readDocumentsPerCase(env.CLF_DOCUMENTS_PER_CASE_MB),
    console: readConsole(env),
    correspondence: readCorrespondence(env),
  };
}

export const APP_CONFIG = Symbol('AppConfig');
