import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { loadConfig } from '../apps/api/src/config/app-config';
import { createApp } from '../apps/api/src/create-app';
import { jsonLogger } from '../apps/api/src/logging/json-logger';
import { complaint, person, SECRET, tokenFor } from './support/test-app';

describe('structured logs', () => {
  it('writes a JSON line per request, whose request id is the correlation id of the events it caused; the caller’s own id is kept beside it, never in its place', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const config = loadConfig({
      CLF_DATA_DIR: mkdtempSync(join(tmpdir(), 'clf-logs-')),
      CLF_JWT_SECRET: SECRET,
      CLF_SCHEDULER: 'off',
    });
    const app = await createApp(config, { logger: jsonLogger('info', sink) });
    await app.init();
    try {
      const http = request(app.getHttpServer());
      const auth = { Authorization: `Bearer ${await tokenFor(person('u-ann', 'staff'))}` };
      const created = await http
        .post('/api/v1/cases')
        .set(auth)
        .set('X-Request-Id', 'req-4711')
        .send(complaint());
      expect(created.headers['x-request-id']).toBe('req-4711');
      const correlationId = created.headers['x-correlation-id'];
      expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
      await http.get('/api/v1/cases?q=Ada%20Learner').set(auth);

      const logged = lines.filter((line) => line.msg === 'request');
      expect(logged[0]).toMatchObject({
        level: 'info',
        service: 'clf',
        requestId: correlationId,
        clientRequestId: 'req-4711',
        method: 'POST',
        path: '/api/v1/cases',
        status: 201,
        actor: 'u-ann',
        ms: expect.any(Number),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      // The search words are personal data: the query string is never logged.
      expect(JSON.stringify(logged[1])).not.toContain('Ada');

      const history = await http
        .get(`/api/v1/cases/${created.body.id}/history`)
        .set({ Authorization: `Bearer ${await tokenFor(person('u-aud', 'auditor'))}` });
      // A caller cannot stamp the trail with an id of its choosing (a job's run id, say).
      expect(history.body.events[0]).toMatchObject({ correlationId, clientRequestId: 'req-4711' });
    } finally {
      await app.close();
    }
  });
});
