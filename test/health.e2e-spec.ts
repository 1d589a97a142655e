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
    app = await createApp(loadConfig({ CLF_DATA_DIR: dataDir }));
    await app.init();
  });
  afterAll(() => app.close());

  it('GET /health/live answers while the process is up', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it('GET /health/ready reports the policy and a writable data directory (created on start)', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body).toEqual({
      status: 'ready',
      checks: { dataDir: 'ok', policy: 'dmm@2022-02' },
    });
  });

  it('GET /health/ready is 503 when the data directory has gone, and ready again when it is back', async () => {
    rmSync(dataDir, { recursive: true });
    try {
      const response = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(response.body.checks).toEqual({ dataDir: 'unavailable', policy: 'dmm@2022-02' });
    } finally {
      mkdirSync(dataDir);
    }
    await request(app.getHttpServer()).get('/health/ready').expect(200);
  });
});
