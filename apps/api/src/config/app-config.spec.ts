import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dmm from '../../../../libs/domain/src/policy/bundled/dmm.policy.json';
import { loadConfig } from './app-config';
import { ConfigError } from './config.error';

const dir = mkdtempSync(join(tmpdir(), 'clf-config-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration at start-up', () => {
  it('defaults to port 3000, ./data and the DMM policy', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
    expect(config.policy.id).toBe('dmm');
  });

  it('selects the bundled MaCTRI policy, or a policy file by path', () => {
    expect(loadConfig({ CLF_POLICY: 'mactri' }).policy.id).toBe('mactri');
    const own = file('own.json', JSON.stringify({ ...dmm, id: 'acme', referencePrefix: 'ACME' }));
    expect(loadConfig({ CLF_POLICY: own }).policy).toMatchObject({
      id: 'acme',
      referencePrefix: 'ACME',
    });
  });

  it.each(['0', '70000', 'eighty', '80.5'])('refuses PORT=%s, naming the variable', (port) => {
    expect(refusal({ PORT: port }).message).toMatch(/^PORT: .* whole number from 1 to 65535/);
  });

  it('refuses an unknown policy name, a missing file, bad JSON and an invalid policy, each with the reason', () => {
    expect(refusal({ CLF_POLICY: 'acme' }).message).toMatch(
      /CLF_POLICY: "acme" is neither a bundled policy/,
    );
    expect(refusal({ CLF_POLICY: join(dir, 'missing.json') }).message).toMatch(
      /cannot read policy file .*ENOENT/,
    );
    expect(refusal({ CLF_POLICY: file('broken.json', '{"id": ') }).message).toMatch(
      /is not valid JSON/,
    );
    const invalid = file('invalid.json', JSON.stringify({ ...dmm, timeZone: 'Nowhere/Land' }));
    expect(refusal({ CLF_POLICY: invalid }).message).toMatch(/timeZone: must be an IANA time zone/);
  });
});

describe('profiles and token settings', () => {
  it('defaults to the embedded profile with an HS256 secret generated into the data directory', () => {
    const config = loadConfig({ CLF_DATA_DIR: dir });
    expect(config.profile).toBe('embedded');
    expect(config.jwt).toEqual({
      algorithm: 'HS256',
      secret: null,
      secretFile: join(dir, 'jwt-secret'),
      maxLifetimeSeconds: 12 * 3600,
    });
  });

  it('refuses a short secret and an unknown profile', () => {
    expect(refusal({ CLF_JWT_SECRET: 'short' }).message).toMatch(
      /^CLF_JWT_SECRET: is 5 characters: give at least 32/,
    );
    expect(refusal({ CLF_PROFILE: 'cloud' }).message).toMatch(
      /^CLF_PROFILE: "cloud" is not a profile/,
    );
  });

  it('takes RS256 key sets only with an issuer and an audience', () => {
    const jwks = { CLF_JWT_JWKS_URL: 'https://login.example/.well-known/jwks.json' };
    expect(refusal(jwks).message).toMatch(/^CLF_JWT_ISSUER: is required/);
    expect(refusal({ ...jwks, CLF_JWT_ISSUER: 'https://login.example' }).message).toMatch(
      /^CLF_JWT_AUDIENCE/,
    );
    expect(refusal({ CLF_JWT_JWKS_URL: 'not a url' }).message).toMatch(/^CLF_JWT_JWKS_URL/);
    expect(
      loadConfig({ ...jwks, CLF_JWT_ISSUER: 'https://login.example', CLF_JWT_AUDIENCE: 'clf' }).jwt,
    ).toEqual({
      algorithm: 'RS256',
      jwksUrl: jwks.CLF_JWT_JWKS_URL,
      issuer: 'https://login.example',
      audience: 'clf',
      maxLifetimeSeconds: 12 * 3600,
    });
  });

  it('refuses tokens living longer than CLF_JWT_MAX_LIFETIME, 12 hours unless set', () => {
    expect(loadConfig({}).jwt.maxLifetimeSeconds).toBe(12 * 3600);
    expect(loadConfig({ CLF_JWT_MAX_LIFETIME: '30m' }).jwt.maxLifetimeSeconds).toBe(1800);
    expect(loadConfig({ CLF_JWT_MAX_LIFETIME: '7d' }).jwt.maxLifetimeSeconds).toBe(7 * 86_400);
    for (const value of ['forever', '12', '0h', '-1h', '1.5h', '8 hours'])
      expect(refusal({ CLF_JWT_MAX_LIFETIME: value }).message).toBe(
        `CLF_JWT_MAX_LIFETIME: "${value}" is not a duration: give a whole number and s, m, h or d, e.g. 12h`,
      );
  });

  it('needs both servers for the distributed profile, each by its scheme', () => {
    expect(refusal({ CLF_PROFILE: 'distributed' }).message).toMatch(/^CLF_JWT_SECRET: is required/);
    const secret = { CLF_JWT_SECRET: 'a-shared-secret-of-at-least-32-characters' };
    expect(refusal({ CLF_PROFILE: 'distributed', ...secret }).message).toMatch(
      /^EVENTSTORE_CONNECTION_STRING: is required/,
    );
    const esdb = {
      CLF_PROFILE: 'distributed',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
    };
    expect(refusal(esdb).message).toMatch(
      /^CLF_JWT_SECRET: is required for CLF_PROFILE=distributed/,
    );
    expect(refusal({ ...esdb, ...secret }).message).toMatch(/^MONGODB_URI: is required/);
    expect(
      refusal({ ...esdb, ...secret, EVENTSTORE_CONNECTION_STRING: 'kurrentdb://localhost:2113' })
        .message,
    ).toBe(
      'EVENTSTORE_CONNECTION_STRING: "kurrentdb://localhost:2113" must start with esdb:// or esdb+discover://',
    );
    expect(refusal({ ...esdb, ...secret, MONGODB_URI: 'http://x' }).message).toMatch(
      /^MONGODB_URI: "http:\/\/x" must start with mongodb:\/\//,
    );
    const mongo = { MONGODB_URI: 'mongodb://localhost:27017/clf?replicaSet=rs0' };
    expect(refusal({ ...esdb, ...secret, ...mongo }).message).toMatch(
      /^CLF_MASTER_KEY: is required for CLF_PROFILE=distributed/,
    );
    expect(
      loadConfig({ ...esdb, ...secret, ...mongo, CLF_MASTER_KEY: 'ab'.repeat(32) }),
    ).toMatchObject({
      profile: 'distributed',
      mongodbUri: 'mongodb://localhost:27017/clf?replicaSet=rs0',
      masterKey: { key: Buffer.alloc(32, 0xab) },
    });
  });

  it('takes the master key from CLF_MASTER_KEY, or (embedded) from a file it generates in the data directory', () => {
    expect(loadConfig({ CLF_DATA_DIR: '/srv/clf' }).masterKey).toEqual({
      file: '/srv/clf/master.key',
    });
    expect(
      loadConfig({ CLF_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') }).masterKey,
    ).toEqual({ key: Buffer.alloc(32, 1) });
    expect(refusal({ CLF_MASTER_KEY: 'secret' }).message).toBe(
      'CLF_MASTER_KEY: must be 32 bytes, as 64 hex digits or in base64 (e.g. from `openssl rand -hex 32`)',
    );
  });

  it('runs the scheduled jobs on their timers unless CLF_SCHEDULER=off', () => {
    expect(loadConfig({}).scheduler).toBe(true);
    expect(loadConfig({ CLF_SCHEDULER: 'off' }).scheduler).toBe(false);
    expect(loadConfig({ CLF_SCHEDULER: 'ON' }).scheduler).toBe(true);
    expect(refusal({ CLF_SCHEDULER: 'sometimes' }).message).toBe(
      'CLF_SCHEDULER: "sometimes" is not one of on, off',
    );
  });

  it('takes a process role and a log level from fixed lists', () => {
    expect(loadConfig({})).toMatchObject({ role: 'all', logLevel: 'info' });
    expect(loadConfig({ CLF_ROLE: 'worker', LOG_LEVEL: 'debug' })).toMatchObject({
      role: 'worker',
      logLevel: 'debug',
    });
    expect(refusal({ CLF_ROLE: 'cron' }).message).toBe(
      'CLF_ROLE: "cron" is not one of all, api, worker',
    );
    expect(refusal({ LOG_LEVEL: 'verbose' }).message).toBe(
      'LOG_LEVEL: "verbose" is not one of trace, debug, info, warn, error, fatal, silent',
    );
  });

  it('gives each case 200 MB for documents unless CLF_DOCUMENTS_PER_CASE_MB says otherwise', () => {
    expect(loadConfig({}).documentsPerCaseBytes).toBe(200 * 1024 * 1024);
    expect(loadConfig({ CLF_DOCUMENTS_PER_CASE_MB: '50' }).documentsPerCaseBytes).toBe(
      50 * 1024 * 1024,
    );
    expect(refusal({ CLF_DOCUMENTS_PER_CASE_MB: '0' }).message).toMatch(
      /^CLF_DOCUMENTS_PER_CASE_MB: "0" is not a size/,
    );
    expect(refusal({ CLF_DOCUMENTS_PER_CASE_MB: '1.5GB' }).message).toMatch(/whole number/);
  });

  it('serves the console at http://localhost:3000 with 30-minute idle and 12-hour sessions unless told otherwise', () => {
    const { console: settings } = loadConfig({});
    expect(settings.publicUrl.href).toBe('http://localhost:3000/');
    expect(settings.sessionIdleSeconds).toBe(1800);
    expect(settings.sessionMaxSeconds).toBe(43_200);
    expect(
      loadConfig({ CLF_PUBLIC_URL: 'https://feedback.example.ac.uk', CLF_SESSION_IDLE: '15m' })
        .console,
    ).toMatchObject({ sessionIdleSeconds: 900 });
    expect(refusal({ CLF_PUBLIC_URL: 'feedback.example.ac.uk' }).message).toMatch(
      /^CLF_PUBLIC_URL: "feedback.example.ac.uk" is not an http\(s\) address/,
    );
    expect(refusal({ CLF_SESSION_MAX: 'a day' }).message).toMatch(
      /^CLF_SESSION_MAX: "a day" is not a duration/,
    );
    expect(refusal({ CLF_SESSION_IDLE: '13h' }).message).toMatch(
      /^CLF_SESSION_IDLE: is longer than CLF_SESSION_MAX \(12h\)/,
    );
  });
});

describe('signing in with the organisation’s identity provider', () => {
  const provider = {
    CLF_PUBLIC_URL: 'https://feedback.example.ac.uk',
    CLF_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
    CLF_OIDC_CLIENT_ID: 'clf-console',
    CLF_OIDC_CLIENT_SECRET: 'the-client-secret',
  };

  it('is off unless configured, and takes the issuer, the client and the button’s words', () => {
    expect(loadConfig({}).console.oidc).toBeNull();
    expect(loadConfig(provider).console.oidc).toEqual({
      issuer: new URL(provider.CLF_OIDC_ISSUER),
      clientId: 'clf-console',
      clientSecret: 'the-client-secret',
      name: "your organisation's account",
    });
    expect(loadConfig({ ...provider, CLF_OIDC_NAME: 'Microsoft' }).console.oidc?.name).toBe(
      'Microsoft',
    );
  });

  it.each(['CLF_OIDC_ISSUER', 'CLF_OIDC_CLIENT_ID', 'CLF_OIDC_CLIENT_SECRET'] as const)(
    'needs all three settings: without %s it stops, naming it',
    (variable) => {
      const message = refusal({ ...provider, [variable]: ' ' }).message;
      expect(message.startsWith(`${variable}: is required with `)).toBe(true);
    },
  );

  it('needs CLF_PUBLIC_URL, where the provider sends people back to', () => {
    const { CLF_PUBLIC_URL: _, ...withoutAddress } = provider;
    expect(refusal(withoutAddress).message).toMatch(
      /^CLF_PUBLIC_URL: is required with CLF_OIDC_ISSUER/,
    );
  });

  it('takes an https issuer, or plain http only on this machine', () => {
    expect(refusal({ ...provider, CLF_OIDC_ISSUER: 'login.example' }).message).toMatch(
      /^CLF_OIDC_ISSUER: "login.example" is not an issuer address/,
    );
    expect(refusal({ ...provider, CLF_OIDC_ISSUER: 'http://login.example' }).message).toMatch(
      /^CLF_OIDC_ISSUER: "http:\/\/login.example" must be https/,
    );
    expect(
      loadConfig({ ...provider, CLF_OIDC_ISSUER: 'http://127.0.0.1:8080' }).console.oidc?.issuer
        .href,
    ).toBe('http://127.0.0.1:8080/');
  });

  it('refuses a button name without a provider, or too long for a button', () => {
    expect(refusal({ CLF_OIDC_NAME: 'Microsoft' }).message).toMatch(
      /^CLF_OIDC_NAME: is used only with CLF_OIDC_ISSUER/,
    );
    expect(refusal({ ...provider, CLF_OIDC_NAME: 'x'.repeat(61) }).message).toMatch(
      /^CLF_OIDC_NAME: is 61 characters/,
    );
  });
});

describe('writing to complainants', () => {
  it('uses the bundled letters and keeps e-mails waiting unless configured', () => {
    expect(loadConfig({}).correspondence).toEqual({
      templatesFolder: null,
      smtpUrl: null,
      mailFrom: null,
    });
    expect(
      loadConfig({
        CLF_TEMPLATES: dir,
        CLF_SMTP_URL: 'smtp://mail.example.ac.uk:587',
        CLF_MAIL_FROM: 'Complaints <complaints@example.ac.uk>',
      }).correspondence,
    ).toEqual({
      templatesFolder: dir,
      smtpUrl: 'smtp://mail.example.ac.uk:587',
      mailFrom: 'Complaints <complaints@example.ac.uk>',
    });
  });

  it('refuses a templates folder that is not one, a mail server that is not smtp, and no sender', () => {
    expect(refusal({ CLF_TEMPLATES: join(dir, 'missing') }).message).toMatch(
      /^CLF_TEMPLATES: ".+missing" is not a folder/,
    );
    expect(refusal({ CLF_SMTP_URL: 'http://mail', CLF_MAIL_FROM: 'a@b.c' }).message).toMatch(
      /^CLF_SMTP_URL: is not a mail server address/,
    );
    expect(refusal({ CLF_SMTP_URL: 'smtp://mail:25' }).message).toMatch(
      /^CLF_MAIL_FROM: is required with CLF_SMTP_URL/,
    );
  });
});
