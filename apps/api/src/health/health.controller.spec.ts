import type { Response } from 'express';
import type { ProjectionStatus, ReadSide } from '#read-models';
import type { AppConfig } from '../config/app-config';
import type { Storage } from '../storage/storage';
import { HealthController, READY_MAX_LAG_SECONDS } from './health.controller';

const storage = {
  events: { headPosition: async () => null },
  documents: { ping: async () => undefined },
} as unknown as Storage;

function controller(role: AppConfig['role'], status: Partial<ProjectionStatus>) {
  const projections = {
    status: async () => [{ lagEvents: 0, lagSeconds: 0, failed: null, ...status }],
  } as unknown as ReadSide;
  const config = { role, policy: { id: 'dmm', version: '2022-02' } } as AppConfig;
  return new HealthController(config, storage, projections);
}

async function readiness(role: AppConfig['role'], status: Partial<ProjectionStatus>) {
  let code = 200;
  const response = { status: (value: number) => (code = value) } as unknown as Response;
  const body = await controller(role, status).ready(response);
  return { code, body };
}

describe('readiness and the read models', () => {
  it('is not ready where this process keeps read models that fell behind, or stopped', async () => {
    const behind = { lagEvents: 40, lagSeconds: READY_MAX_LAG_SECONDS + 1 };
    expect(await readiness('all', behind)).toMatchObject({
      code: 503,
      body: { status: 'not-ready', checks: { readModels: { status: 'behind', lagEvents: 40 } } },
    });
    expect((await readiness('worker', behind)).code).toBe(503);
    expect(await readiness('all', { failed: 'ProjectionGapError: …' })).toMatchObject({
      code: 503,
      body: { checks: { readModels: { status: 'behind', failed: 'ProjectionGapError: …' } } },
    });
  });

  it('is not ready while read models that have taken in nothing are built, however recent the events', async () => {
    expect(
      await readiness('all', { checkpoint: null, lagEvents: 500, lagSeconds: 0 }),
    ).toMatchObject({
      code: 503,
      body: { checks: { readModels: { status: 'behind', lagEvents: 500 } } },
    });
    // An empty store has nothing to take in: ready.
    expect((await readiness('all', { checkpoint: null, lagEvents: 0 })).code).toBe(200);
  });

  it('is ready on the lag bound itself', async () => {
    expect((await readiness('all', { lagSeconds: READY_MAX_LAG_SECONDS })).code).toBe(200);
  });

  it('on an API replica only reports a lagging worker', async () => {
    const behind = { lagEvents: 40, lagSeconds: READY_MAX_LAG_SECONDS + 1 };
    expect(await readiness('api', behind)).toMatchObject({
      code: 200,
      body: { status: 'ready', checks: { readModels: { status: 'behind' } } },
    });
  });
});
