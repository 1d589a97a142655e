import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '../apps/api/src/config/app-config';
import { createApp } from '../apps/api/src/create-app';

describe('health endpoints', () => {
  let app: INestApplication;
  const dataDir = join(mkdtempSync(join(tmpdir(), 'clf-health-')), 'data');

  beforeAll(async () => {
    app = await createApp(loadConfig({ CLF_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
    await app.init();
  });
  afterAll(() => app.close());

  it('GET /health/live answers while the process is up', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it('GET /health/ready reports the stores reachable, the read models current and the policy', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body).toEqual({
      status: 'ready',
      role: 'all',
      checks: {
        eventStore: 'ok',
        documents: 'ok',
        readModels: { status: 'ok', lagEvents: 0, lagSeconds: 0 },
        policy: 'dmm@2022-02',
      },
    });
  });

  it('GET /health/ready is 503 when the data directory has gone, and ready again when it is back', async () => {
    rmSync(dataDir, { recursive: true });
    try {
      const response = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(response.body).toMatchObject({
        status: 'not-ready',
        checks: { documents: 'unavailable', eventStore: 'ok' },
      });
    } finally {
      mkdirSync(dataDir);
    }
    await request(app.getHttpServer()).get('/health/ready').expect(200);
  });
});
