import { Writable } from 'node:stream';
import { jsonLogger } from '../apps/api/src/logging/json-logger';
import { FORGED_CATEGORY, forgeEvent as forgeTheEvent } from './support/tampering';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('u-ann', 'staff');
const auditor = person('u-audrey', 'auditor');
const INTACT = { valid: true, brokenAtRevision: null };

/** Every read that folds a case's stream checks its hash chain, and says what it found. */
describe('the integrity of a case’s trail, on every read', () => {
  let api: TestApp;
  const logged: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _, done) {
        logged.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    api = await startTestApp({ logger: jsonLogger('info', sink) });
  });
  afterAll(() => api.close());

  const get = async (path: string, actor = auditor) =>
    api.http.get(`/api/v1${path}`).set(await api.auth(actor));
  const note = async (id: string, text: string) =>
    api.http
      .post(`/api/v1/cases/${id}/notes`)
      .set(await api.auth(ann))
      .send({ text });
  const forgeEvent = (id: string) => forgeTheEvent(api.dataDir, id);
  const newCase = async () => {
    const created = await api.http
      .post('/api/v1/cases')
      .set(await api.auth(ann))
      .send(complaint());
    return created.body as { id: string; reference: string; case: Record<string, unknown> };
  };

  it('says the trail is intact in the case detail, the history and command responses', async () => {
    const created = await newCase();
    expect(created.case.integrity).toEqual(INTACT);
    expect((await note(created.id, 'Called back')).body.case.integrity).toEqual(INTACT);
    expect((await get(`/cases/${created.id}`)).body.integrity).toEqual(INTACT);
    expect((await get(`/cases/by-reference/${created.reference}`)).body.integrity).toEqual(INTACT);
    const history = (await get(`/cases/${created.id}/history`)).body;
    expect(history.integrity).toEqual(INTACT);
    expect(history.state.integrity).toEqual(INTACT);
  });

  it('warns where a tampered trail breaks, in every view, and logs an error naming the case', async () => {
    const { id, reference } = await newCase();
    await note(id, 'Called back');
    forgeEvent(id);
    const broken = { valid: false, brokenAtRevision: 0 };

    const detail = (await get(`/cases/${id}`)).body;
    expect(detail.categories).toEqual([FORGED_CATEGORY]);
    expect(detail.integrity).toEqual(broken);
    expect((await get(`/cases/by-reference/${reference}`)).body.integrity).toEqual(broken);
    const history = (await get(`/cases/${id}/history`)).body;
    expect(history.integrity).toEqual(broken);
    expect(history.state.integrity).toEqual(broken);
    const asOf = (await get(`/cases/${id}/history?asOf=2026-11-23T10:00:00Z`)).body;
    expect(asOf.integrity).toEqual(broken);

    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'error',
        caseId: id,
        brokenAtRevision: 0,
        msg: expect.stringMatching(/hash chain .* broken/),
      }),
    );
  });

  it('refuses to record anything on a tampered trail: 409 integrity-broken, naming the revision', async () => {
    const { id } = await newCase();
    forgeEvent(id);
    const refused = await note(id, 'Written on top of a forgery');
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'integrity-broken', status: 409 });
    expect(refused.body.detail).toMatch(/revision 0/);
    expect((await get(`/cases/${id}/history/verify`)).body).toEqual({
      valid: false,
      events: 1,
      brokenAtRevision: 0,
    });
  });
});
