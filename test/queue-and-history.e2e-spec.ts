import Database from 'better-sqlite3';
import { join } from 'node:path';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('u-ann', 'staff');
const bob = person('u-bob', 'staff');
const ops = person('u-olu', 'operations-manager');
const auditor = person('u-audrey', 'auditor');
const admin = person('u-adam', 'admin');

describe('the case queue over HTTP', () => {
  let api: TestApp;
  beforeEach(async () => (api = await startTestApp({ now: '2026-11-30T12:00:00Z' })));
  afterEach(() => api.close());

  const create = async (actor: typeof ann, overrides: Record<string, unknown>) =>
    (
      await api.http
        .post('/api/v1/cases')
        .set(await api.auth(actor))
        .send(complaint(overrides))
    ).body;
  const queue = async (actor: typeof ann, query = '', position?: number) => {
    const request = api.http.get(`/api/v1/cases${query}`).set(await api.auth(actor));
    if (position !== undefined) request.set('X-CLF-Min-Position', String(position));
    return request;
  };

  it('reads its own writes with X-CLF-Min-Position, soonest deadline first, overdue marked', async () => {
    await create(ann, { receivedAt: '2026-11-26T09:00:00Z', summary: 'Older' });
    const last = await create(ann, { receivedAt: '2026-11-30T09:00:00Z', summary: 'Newer' });
    const response = await queue(ops, '', last.position);
    expect(response.status).toBe(200);
    expect(response.body.items.map((s: { summary: string }) => s.summary)).toEqual([
      'Older',
      'Newer',
    ]);
    expect(response.body.items[0]).toMatchObject({
      nextDeadline: { kind: 'acknowledgement', stage: 1, dueBy: '2026-11-30T23:59:59.999Z' },
      overdue: false,
    });
    expect(response.body.items[0]).not.toHaveProperty('complainantName');
    expect(response.body.nextCursor).toBeNull();
    api.clock.set('2026-12-01T08:00:00Z');
    expect(
      (await queue(ops, '?overdue=true')).body.items.map((s: { summary: string }) => s.summary),
    ).toEqual(['Older']);
  });

  it('applies visibility in the query: staff see their own cases; admins none', async () => {
    const mine = await create(ann, { summary: 'Ann’s' });
    const theirs = await create(bob, { summary: 'Bob’s' });
    const position = Math.max(mine.position, theirs.position);
    expect((await queue(ann, '', position)).body.items.map((s: { id: string }) => s.id)).toEqual([
      mine.id,
    ]);
    expect((await queue(ops, '', position)).body.items).toHaveLength(2);
    expect((await queue(admin, '', position)).status).toBe(403);
  });

  it('pages with a cursor without duplicates or gaps while cases keep arriving', async () => {
    const created: string[] = [];
    for (let n = 0; n < 12; n += 1)
      created.push(
        (await create(ops, { receivedAt: `2026-11-${String(10 + n).padStart(2, '0')}T09:00:00Z` }))
          .id,
      );
    let position = 0;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queue(
        ops,
        `?sort=receivedAt&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        position,
      );
      seen.push(...page.body.items.map((s: { id: string }) => s.id));
      cursor = page.body.nextCursor;
      // Meanwhile a newer case arrives, and an already-listed one changes.
      position = (await create(ops, { receivedAt: '2026-11-29T09:00:00Z' })).position;
      await api.http
        .post(`/api/v1/cases/${created[0]}/notes`)
        .set(await api.auth(ops))
        .send({ text: 'touched' });
    } while (cursor);
    expect(seen.slice(0, 12)).toEqual(created);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('searches with q in the representative’s name and both parties’ e-mail and phone', async () => {
    await create(ann, { summary: 'Someone else' });
    const found = await create(ann, {
      complainant: { name: 'Ada Learner', role: 'learner', email: 'ada@example.org' },
      representative: {
        name: 'Rita Okafor',
        relationship: 'parent',
        email: 'rita@family.example',
        phone: '07700 900123',
      },
    });
    const summaries = async (q: string) =>
      (await queue(ops, `?q=${encodeURIComponent(q)}`, found.position)).body.items.map(
        (s: { id: string }) => s.id,
      );
    for (const q of ['Rita Okafor', 'ADA@EXAMPLE.ORG', 'rita@family', '07700900123', '900123'])
      expect({ q, found: await summaries(q) }).toEqual({ q, found: [found.id] });
  });

  it('refuses unknown filters, bad values and a forged cursor with 400', async () => {
    for (const query of [
      '?colour=red',
      '?limit=0',
      '?limit=201',
      '?status=pending',
      '?sort=name',
      '?dueBefore=tomorrow',
      '?cursor=xyz',
    ])
      expect({ query, status: (await queue(ops, query)).status }).toEqual({ query, status: 400 });
  });
});

describe('the audit trail', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp({ now: '2026-11-23T10:00:00Z' })));
  afterAll(() => api.close());

  it('lists every event with its envelope, and replays the case as the system knew it at a past moment', async () => {
    const created = (
      await api.http
        .post('/api/v1/cases')
        .set(await api.auth(ann))
        .send(complaint())
    ).body;
    api.clock.set('2026-11-24T09:00:00Z');
    await api.http
      .post(`/api/v1/cases/${created.id}/acknowledge`)
      .set(await api.auth(ann))
      .set('X-Request-Id', 'req-ack-1')
      .send({});
    const full = await api.http
      .get(`/api/v1/cases/${created.id}/history`)
      .set(await api.auth(auditor));
    expect(full.status).toBe(200);
    expect(full.body.events).toHaveLength(2);
    expect(full.body.events[1]).toMatchObject({
      revision: 1,
      type: 'CaseAcknowledged',
      occurredAt: '2026-11-24T09:00:00.000Z',
      recordedAt: '2026-11-24T09:00:00.000Z',
      actor: { id: 'u-ann', name: 'Name of u-ann', roles: ['staff'] },
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      clientRequestId: 'req-ack-1',
      causationId: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prevHash: full.body.events[0].hash,
    });
    expect(full.body.state.status).toBe('acknowledged');

    const then = await api.http
      .get(`/api/v1/cases/${created.id}/history?asOf=2026-11-23T18:00:00Z`)
      .set(await api.auth(auditor));
    expect(then.body.events.map((e: { type: string }) => e.type)).toEqual(['CaseReceived']);
    expect(then.body.state).toMatchObject({ status: 'open', revision: 0 });
    const before = await api.http
      .get(`/api/v1/cases/${created.id}/history?asOf=2026-11-01T00:00:00Z`)
      .set(await api.auth(auditor));
    expect(before.body).toMatchObject({ events: [], state: null });
  });

  it('verifies the hash chain, and names the revision where a tampered trail breaks', async () => {
    const id = await api.recordCase(ann);
    await api.http
      .post(`/api/v1/cases/${id}/notes`)
      .set(await api.auth(ann))
      .send({ text: 'Original note' });
    const intact = await api.http
      .get(`/api/v1/cases/${id}/history/verify`)
      .set(await api.auth(auditor));
    expect(intact.body).toEqual({ valid: true, events: 2, brokenAtRevision: null });

    const db = new Database(join(api.dataDir, 'events.db'));
    db.prepare(
      `UPDATE events SET data = '{"text":"Rewritten"}' WHERE stream = ? AND revision = 1`,
    ).run(`clfcase-${id}`);
    db.close();
    const tampered = await api.http
      .get(`/api/v1/cases/${id}/history/verify`)
      .set(await api.auth(auditor));
    expect(tampered.body).toEqual({ valid: false, events: 2, brokenAtRevision: 1 });
  });

  it('hides the history of a case from those who may not see it', async () => {
    const id = await api.recordCase(ann);
    expect(
      (await api.http.get(`/api/v1/cases/${id}/history`).set(await api.auth(bob))).status,
    ).toBe(404);
    expect(
      (await api.http.get(`/api/v1/cases/${id}/history/verify`).set(await api.auth(admin))).status,
    ).toBe(404);
  });
});

describe('projection administration', () => {
  it('reports each read model’s checkpoint and lag, and rebuilds on request (admins only)', async () => {
    const api = await startTestApp();
    try {
      const created = (
        await api.http
          .post('/api/v1/cases')
          .set(await api.auth(ann))
          .send(complaint())
      ).body;
      await api.http
        .get('/api/v1/cases')
        .set(await api.auth(ops))
        .set('X-CLF-Min-Position', String(created.position));
      const status = await api.http.get('/api/v1/admin/projections').set(await api.auth(admin));
      expect(status.status).toBe(200);
      expect(status.body).toEqual(
        ['case-queue', 'monthly-statistics', 'themes'].map((name) =>
          expect.objectContaining({
            name,
            checkpoint: created.position,
            lagEvents: 0,
            rebuilding: false,
            generation: 1,
          }),
        ),
      );
      expect(
        (await api.http.get('/api/v1/admin/projections').set(await api.auth(ops))).status,
      ).toBe(403);
      const rebuild = await api.http
        .post('/api/v1/admin/projections/rebuild')
        .set(await api.auth(admin));
      expect(rebuild.status).toBe(202);
      expect(rebuild.body).toMatchObject({ status: 'rebuilding', generation: 2, events: 1 });
    } finally {
      await api.close();
    }
  });
});
