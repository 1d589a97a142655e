import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('u-ann', 'staff');
const ops = person('u-olu', 'operations-manager');
const admin = person('u-adam', 'admin');

/** Asks until `check` holds, for at most `seconds`: the worker is another process's loop. */
async function eventually<T>(ask: () => Promise<T>, check: (answer: T) => boolean, seconds = 10) {
  const until = performance.now() + seconds * 1000;
  for (;;) {
    const answer = await ask();
    if (check(answer) || performance.now() > until) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a split deployment: API replicas following one worker, on one embedded store', () => {
  let worker: TestApp;
  let api: TestApp;
  beforeEach(async () => {
    worker = await startTestApp({ env: { CLF_ROLE: 'worker' } });
    api = await startTestApp({ dataDir: worker.dataDir, env: { CLF_ROLE: 'api' } });
  });
  afterEach(async () => {
    await api.close();
    await worker.close();
  });

  it('serves the API on the replica, whose queue shows what the worker projected', async () => {
    const created = await api.http
      .post('/api/v1/cases')
      .set(await api.auth(ann))
      .send(complaint());
    expect(created.status).toBe(201);
    const queue = await api.http
      .get('/api/v1/cases')
      .set(await api.auth(ops))
      .set('X-CLF-Min-Position', String(created.body.position));
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
  });

  it('serves only the health endpoints on the worker', async () => {
    expect((await worker.http.get('/health/ready')).body).toMatchObject({
      status: 'ready',
      role: 'worker',
    });
    const cases = await worker.http.get('/api/v1/cases').set(await worker.auth(ops));
    expect(cases.status).toBe(404);
  });

  it('passes a rebuild asked of a replica to the worker, and follows it to the new generation', async () => {
    const created = await api.http
      .post('/api/v1/cases')
      .set(await api.auth(ann))
      .send(complaint());
    const before = await api.http.get('/api/v1/admin/projections').set(await api.auth(admin));
    const asked = await api.http
      .post('/api/v1/admin/projections/rebuild')
      .set(await api.auth(admin));
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'requested' });
    const after = await eventually(
      async () => (await api.http.get('/api/v1/admin/projections').set(await api.auth(admin))).body,
      (status) => status[0].generation > before.body[0].generation && !status[0].rebuilding,
    );
    expect(after[0]).toMatchObject({
      generation: before.body[0].generation + 1,
      checkpoint: created.body.position,
      lagEvents: 0,
      rebuilding: false,
    });
  });
});

describe('a replica started before its worker', () => {
  it('says the queues are not ready yet, and serves them once the worker has made them', async () => {
    const api = await startTestApp({ env: { CLF_ROLE: 'api' } });
    try {
      const early = await api.http.get('/api/v1/cases').set(await api.auth(ops));
      expect(early.status).toBe(503);
      expect(early.body).toMatchObject({ code: 'read-models-not-ready' });
      expect((await api.http.get('/health/ready')).status).toBe(503);
      const worker = await startTestApp({ dataDir: api.dataDir, env: { CLF_ROLE: 'worker' } });
      try {
        const later = await eventually(
          async () => api.http.get('/api/v1/cases').set(await api.auth(ops)),
          (response) => response.status === 200,
        );
        expect(later.body).toEqual({ items: [], nextCursor: null });
      } finally {
        await worker.close();
      }
    } finally {
      await api.close();
    }
  });
});

describe('readiness of a replica whose worker has stopped', () => {
  it('reports the read models falling behind, and stays ready for commands and case details', async () => {
    const worker = await startTestApp({ env: { CLF_ROLE: 'worker' } });
    await worker.close();
    const api = await startTestApp({ dataDir: worker.dataDir, env: { CLF_ROLE: 'api' } });
    try {
      expect((await api.http.get('/health/ready')).status).toBe(200);
      await api.http
        .post('/api/v1/cases')
        .set(await api.auth(ann))
        .send(complaint());
      api.clock.set('2026-11-23T10:00:31Z'); // the unprojected case is now 31 s old
      const ready = await api.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks.readModels).toEqual({
        status: 'behind',
        lagEvents: 1,
        lagSeconds: 31,
      });
    } finally {
      await api.close();
    }
  });
});
