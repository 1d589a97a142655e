import type { Actor } from '#domain';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('u-ann', 'staff');
const ops = person('u-olu', 'operations-manager');
const admin = person('u-adam', 'admin');
const dpo = person('u-dee', 'data-protection');
const RETENTION_REASON = "Kept 6 years after closure (the policy's retention period)";

describe('personal data: erasure, legal holds and retention', () => {
  let api: TestApp;
  beforeEach(async () => (api = await startTestApp({ now: '2026-11-23T10:00:00Z' })));
  afterEach(() => api.close());

  const post = async (actor: Actor, path: string, body: object = {}) =>
    api.http
      .post(`/api/v1${path}`)
      .set(await api.auth(actor))
      .send(body);
  const detail = async (id: string, actor: Actor = ops) =>
    api.http.get(`/api/v1/cases/${id}`).set(await api.auth(actor));
  const receive = async (overrides: Record<string, unknown> = {}) => {
    const response = await post(ann, '/cases', complaint(overrides));
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string; position: string };
  };
  const search = async (q: string, position: string) =>
    (
      await api.http
        .get(`/api/v1/cases?status=open,acknowledged,responded,closed&q=${encodeURIComponent(q)}`)
        .set(await api.auth(ops))
        .set('X-CLF-Min-Position', position)
    ).body.items as Array<{ id: string; summary: string; complainant: string }>;

  it('lets data protection erase a case: the detail and the search show it no more; a second erase changes nothing', async () => {
    const found = await receive({
      complainant: { name: 'Zebedee Quill', email: 'zq@example.com', role: 'learner' },
    });
    expect((await search('zebedee', found.position)).map((c) => c.id)).toEqual([found.id]);

    expect((await post(ops, `/cases/${found.id}/erase`, { reason: 'Asked' })).status).toBe(403);
    expect((await post(dpo, `/cases/${found.id}/erase`, {})).status).toBe(400);
    const erased = await post(dpo, `/cases/${found.id}/erase`, { reason: 'Asked for erasure' });
    expect(erased.status).toBe(200);
    expect(erased.body.case).toMatchObject({
      summary: '[erased]',
      complainant: { name: '[erased]', email: '[erased]' },
      personalDataErasedAt: '2026-11-23T10:00:00.000Z',
      legalHold: null,
    });

    const again = await post(dpo, `/cases/${found.id}/erase`, { reason: 'Asked again' });
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(erased.body.revision);

    expect(await search('zebedee', erased.body.position)).toEqual([]);
    const history = await api.http
      .get(`/api/v1/cases/${found.id}/history`)
      .set(await api.auth(dpo));
    expect(history.status).toBe(200);
    expect(history.body.events.at(-1)).toMatchObject({
      type: 'PersonalDataErased',
      actor: { id: dpo.id },
      data: {
        reason: 'Asked for erasure',
        erasedBy: { id: dpo.id },
        fields: expect.arrayContaining(['CaseReceived.complainant.name']),
      },
    });

    const note = await post(ann, `/cases/${found.id}/notes`, { text: 'Called Zebedee' });
    expect(note.status).toBe(409);
    expect(note.body.code).toBe('case-erased');
  });

  it('refuses to erase under a legal hold (409) until the hold is lifted', async () => {
    const found = await receive();
    const held = await post(dpo, `/cases/${found.id}/legal-hold`, { reason: 'Tribunal claim' });
    expect(held.status).toBe(200);
    expect(held.body.case.legalHold).toMatchObject({
      reason: 'Tribunal claim',
      since: '2026-11-23T10:00:00.000Z',
      by: { id: dpo.id },
    });
    const refused = await post(dpo, `/cases/${found.id}/erase`, { reason: 'Asked' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('case-under-legal-hold');
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);

    const lifted = await post(dpo, `/cases/${found.id}/legal-hold/lift`, { reason: 'Settled' });
    expect(lifted.status).toBe(200);
    expect(lifted.body.case.legalHold).toBeNull();
    expect((await post(dpo, `/cases/${found.id}/erase`, { reason: 'Asked' })).status).toBe(200);
  });

  it('gives data protection a case to read but no queue, reports or other commands', async () => {
    const found = await receive();
    expect((await detail(found.id, dpo)).status).toBe(200);
    const queue = await api.http.get('/api/v1/cases').set(await api.auth(dpo));
    expect(queue.body.items ?? []).toEqual([]);
    expect((await post(dpo, `/cases/${found.id}/notes`, { text: 'n' })).status).toBe(403);
    expect((await post(ops, `/cases/${found.id}/legal-hold`, { reason: 'r' })).status).toBe(403);
  });

  it('runs retention on demand: erases cases closed over six years ago, counting 29 February, and not held ones', async () => {
    api.clock.set('2028-02-29T10:00:00Z');
    const leap = await receive({ complainant: { name: 'Leap Learner', role: 'learner' } });
    const held = await receive();
    const later = await receive();
    for (const found of [leap, held])
      expect((await post(ops, `/cases/${found.id}/close`, { reason: 'withdrawn' })).status).toBe(
        200,
      );
    await post(dpo, `/cases/${held.id}/legal-hold`, { reason: 'Inquiry' });
    api.clock.set('2028-03-01T10:00:00Z');
    await post(ops, `/cases/${later.id}/close`, { reason: 'withdrawn' });

    api.clock.set('2034-02-28T23:00:00Z'); // still 28 February in London: kept
    const early = await post(admin, '/admin/jobs/retention/run');
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ job: 'retention', changed: 0 });

    api.clock.set('2034-03-01T00:00:00Z');
    const run = await post(admin, '/admin/jobs/retention/run');
    expect(run.body).toMatchObject({
      job: 'retention',
      changed: 1,
      events: { PersonalDataErased: 1 },
      cases: [{ id: leap.id, events: ['PersonalDataErased'] }],
    });
    const erased = await detail(leap.id);
    expect(erased.body).toMatchObject({
      summary: '[erased]',
      personalDataErasedAt: '2034-03-01T00:00:00.000Z',
    });
    const history = await api.http.get(`/api/v1/cases/${leap.id}/history`).set(await api.auth(ops));
    expect(history.body.events.at(-1)).toMatchObject({
      actor: { id: 'system:retention' },
      data: { reason: RETENTION_REASON, erasedBy: null },
    });
    expect((await detail(held.id)).body.personalDataErasedAt).toBeNull();
    expect((await detail(later.id)).body.personalDataErasedAt).toBeNull();

    const again = await post(admin, '/admin/jobs/retention/run');
    expect(again.body).toMatchObject({ changed: 0 });
  });
});
