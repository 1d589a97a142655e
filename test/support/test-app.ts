import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Actor, Role } from '#domain';
import { issueToken } from '../../apps/api/src/auth/issue-token';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { createApp } from '../../apps/api/src/create-app';
import type { Logger as JsonLogger } from 'pino';

export const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** A clock the test moves by hand: the domain never reads the real time. */
export class TestClock {
  constructor(private current: Date) {}
  readonly now = () => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export const person = (id: string, ...roles: Role[]): Actor => ({
  id,
  name: `Name of ${id}`,
  roles,
});

export function tokenFor(actor: Actor, options: { now?: Date; expiresInSeconds?: number } = {}) {
  return issueToken(
    SECRET,
    { sub: actor.id, name: actor.name ?? actor.id, roles: [...actor.roles] },
    options,
  );
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  clock: TestClock;
  dataDir: string;
  /** `Authorization: Bearer …` for this person. */
  auth(actor: Actor): Promise<{ Authorization: string }>;
  /** Records a case as this person (a complaint unless told otherwise) and gives its id. */
  recordCase(actor: Actor, body?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** The API on the embedded store in a fresh temporary directory (or `dataDir`, to restart on it). */
export async function startTestApp({
  dataDir = mkdtempSync(join(tmpdir(), 'clf-e2e-')),
  now = '2026-11-23T10:00:00Z',
  policy = 'dmm',
  scheduler = false,
  env = {},
  logger,
}: {
  dataDir?: string;
  now?: string;
  policy?: string;
  /** The jobs' timers and start-up catch-up; off unless a test is about them. */
  scheduler?: boolean;
  /** Further settings, e.g. `{ CLF_ROLE: 'worker' }`. */
  env?: Record<string, string>;
  /** Where the JSON log lines go, for a test that reads them. */
  logger?: JsonLogger;
} = {}): Promise<TestApp> {
  const clock = new TestClock(new Date(now));
  const config = loadConfig({
    CLF_DATA_DIR: dataDir,
    CLF_JWT_SECRET: SECRET,
    CLF_POLICY: policy,
    CLF_SCHEDULER: scheduler ? 'on' : 'off',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const app = await createApp(config, { clock: clock.now, ...(logger ? { logger } : {}) });
  await app.init();
  const tokens = new Map<string, Promise<string>>();
  const http = request(app.getHttpServer());
  const auth = async (actor: Actor) => {
    const key = JSON.stringify(actor);
    if (!tokens.has(key)) tokens.set(key, tokenFor(actor));
    return { Authorization: `Bearer ${await tokens.get(key)!}` };
  };
  return {
    app,
    http,
    clock,
    dataDir,
    auth,
    async recordCase(actor, body = complaint()) {
      const response = await http
        .post('/api/v1/cases')
        .set(await auth(actor))
        .send(body);
      if (response.status !== 201)
        throw new Error(`recording a case: ${response.status} ${response.text}`);
      return response.body.id as string;
    },
    close: () => app.close(),
  };
}

/** A complaint as a member of staff would record it. */
export const complaint = (overrides: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  channel: 'phone',
  summary: 'Mentor missed two sessions',
  complainant: { name: 'Ada Learner', role: 'learner' },
  ...overrides,
});
