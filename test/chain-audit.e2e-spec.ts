import { JobRunner } from '../apps/api/src/jobs/job-runner.service';
import type { ChainAuditResults } from '#scheduling';
import { CHAIN_AUDIT_RESULTS, STORAGE, type Storage } from '../apps/api/src/storage/storage';
import { forgeEvent } from './support/tampering';
import { person, startTestApp, type TestApp } from './support/test-app';

const ann = person('u-ann', 'staff');
const admin = person('u-adam', 'admin');
const auditor = person('u-audrey', 'auditor');

describe('chain-audit: every case’s hash chain checked, on demand by an admin', () => {
  let api: TestApp;
  beforeEach(async () => (api = await startTestApp({ now: '2026-11-23T10:00:00Z' })));
  afterEach(() => api.close());

  const run = async (actor = admin) =>
    api.http.post('/api/v1/admin/jobs/chain-audit/run').set(await api.auth(actor));
  const lastRun = async (actor = admin) =>
    api.http.get('/api/v1/admin/jobs/chain-audit').set(await api.auth(actor));
  const note = async (id: string, text: string) =>
    api.http
      .post(`/api/v1/cases/${id}/notes`)
      .set(await api.auth(ann))
      .send({ text });
  const referenceOf = async (id: string) =>
    (await api.http.get(`/api/v1/cases/${id}`).set(await api.auth(auditor))).body
      .reference as string;

  it('finds every chain intact, counting the cases and events it checked, and keeps the result', async () => {
    expect((await lastRun()).body).toEqual({ lastRun: null });
    const first = await api.recordCase(ann);
    await api.recordCase(ann);
    await note(first, 'Called back');
    const response = await run();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      runId: expect.any(String),
      startedAt: '2026-11-23T10:00:00.000Z',
      finishedAt: '2026-11-23T10:00:00.000Z',
      durationMs: 0,
      casesChecked: 2,
      eventsChecked: 3,
      broken: [],
      keysMissing: [],
      stoppedEarly: null,
    });
    expect((await lastRun()).body).toEqual({ lastRun: response.body });
    expect(await api.app.get<symbol, ChainAuditResults>(CHAIN_AUDIT_RESULTS).latest()).toEqual(
      response.body,
    );
  });

  it('reports a tampered case by its stream and reference, at the first broken revision', async () => {
    const intact = await api.recordCase(ann);
    const tampered = await api.recordCase(ann);
    await note(tampered, 'Called back');
    await note(tampered, 'Wrote back');
    await note(intact, 'Called back');
    forgeEvent(api.dataDir, tampered, 1);
    const { body } = await run();
    expect(body).toMatchObject({ casesChecked: 2, eventsChecked: 5 });
    expect(body.broken).toEqual([
      {
        stream: `clfcase-${tampered}`,
        reference: await referenceOf(tampered),
        brokenAtRevision: 1,
      },
    ]);
  });

  it('is idempotent: a second run records nothing and finds the same', async () => {
    const tampered = await api.recordCase(ann);
    forgeEvent(api.dataDir, tampered);
    const first = (await run()).body;
    api.clock.set('2026-11-24T02:00:00Z');
    const second = (await run()).body;
    const { runId: _1, startedAt: _2, finishedAt: _3, ...found } = first;
    expect(second).toEqual({
      ...found,
      runId: expect.any(String),
      startedAt: '2026-11-24T02:00:00.000Z',
      finishedAt: '2026-11-24T02:00:00.000Z',
    });
    expect(second.runId).not.toBe(first.runId);
    expect(second.eventsChecked).toBe(1);
    expect((await lastRun()).body.lastRun).toEqual(second);
  });

  it('is leased like the other jobs: held by another replica, it is refused (409), and joined when under way here', async () => {
    await api.recordCase(ann);
    const storage = api.app.get<symbol, Storage>(STORAGE);
    const elsewhere = await storage.leases.acquire('chain-audit', 'another-replica', 60_000);
    const refused = await run();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'job-running' });
    await storage.leases.release(elsewhere!);
    const runner = api.app.get(JobRunner);
    const [first, second] = await Promise.all([runner.audit(), runner.audit()]);
    expect(second).toBe(first);
    expect(first.casesChecked).toBe(1);
  });

  it('is for admins only, to run and to read', async () => {
    for (const actor of [ann, auditor]) {
      expect((await run(actor)).status).toBe(403);
      expect((await lastRun(actor)).status).toBe(403);
    }
    expect((await api.http.post('/api/v1/admin/jobs/chain-audit/run')).status).toBe(401);
    expect((await api.http.get('/api/v1/admin/jobs/chain-audit')).status).toBe(401);
    expect((await lastRun()).body).toEqual({ lastRun: null });
  });
});
