import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('u-sam', 'staff');
const colleague = person('u-cat', 'staff');
const operationsManager = person('u-olu', 'operations-manager');

describe('Idempotency-Key on POST /cases', () => {
  it('returns the original result for the same key and body — also after a restart — and never a second case', async () => {
    let api = await startTestApp();
    const send = async (app: TestApp, actor = staff) =>
      app.http
        .post('/api/v1/cases')
        .set(await app.auth(actor))
        .set('Idempotency-Key', 'form-42')
        .send(complaint());
    const first = await send(api);
    expect(first.status).toBe(201);
    const again = await send(api);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);

    await api.close();
    api = await startTestApp({ dataDir: api.dataDir });
    try {
      const afterRestart = await send(api);
      expect(afterRestart.body).toEqual(first.body);
      // The key belongs to its sender: a colleague's "form-42" is their own case.
      const theirs = await send(api, colleague);
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(first.body.id);
      expect(theirs.body.reference).toBe('DMM-2026-00002');
    } finally {
      await api.close();
    }
  });

  it('returns the whole original result, even when the first request recorded two events', async () => {
    const api = await startTestApp();
    try {
      const headers = await api.auth(staff);
      const send = () =>
        api.http
          .post('/api/v1/cases')
          .set(headers)
          .set('Idempotency-Key', 'resolved-on-the-phone')
          .send(complaint({ resolvedAtFirstContact: { resolution: 'Rebooked the session' } }));
      const first = await send();
      expect(first.body).toMatchObject({
        revision: 1,
        case: { status: 'closed', closeReason: 'resolved-at-first-contact' },
      });
      // A later command on the case does not change what the retry answers.
      await api.http
        .post(`/api/v1/cases/${first.body.id}/notes`)
        .set(headers)
        .send({ text: 'Learner thanked us' });
      const again = await send();
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe('"1"');
    } finally {
      await api.close();
    }
  });

  it('creates one case when the same request is retried concurrently', async () => {
    const api = await startTestApp();
    try {
      const headers = await api.auth(staff);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          api.http
            .post('/api/v1/cases')
            .set(headers)
            .set('Idempotency-Key', 'double-click')
            .send(complaint()),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      const next = await api.http.post('/api/v1/cases').set(headers).send(complaint());
      // Racing retries may each take a number before losing; none of them becomes a case.
      expect(next.body.reference).toMatch(/^DMM-2026-\d{5}$/);
      const byFirst = await api.http
        .get(`/api/v1/cases/by-reference/${responses[0].body.reference}`)
        .set(headers);
      expect(byFirst.body.id).toBe(responses[0].body.id);
    } finally {
      await api.close();
    }
  });
});

describe('concurrent commands without If-Match', () => {
  it('retries a lost race on fresh state: every note lands, each at its own revision', async () => {
    const api = await startTestApp();
    try {
      const headers = await api.auth(staff);
      const { id } = (await api.http.post('/api/v1/cases').set(headers).send(complaint())).body;
      const responses = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          api.http
            .post(`/api/v1/cases/${id}/notes`)
            .set(headers)
            .send({ text: `note ${i}` }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(responses.map((r) => r.body.revision).sort()).toEqual([1, 2, 3, 4]);
    } finally {
      await api.close();
    }
  });

  it('never turns a duplicated escalation into a second one', async () => {
    const api = await startTestApp();
    try {
      const id = await api.recordCase(staff);
      const headers = await api.auth(operationsManager);
      const escalation = { reason: 'Wrote in, still unhappy', inWriting: true };
      const responses = await Promise.all(
        [1, 2].map(() =>
          api.http.post(`/api/v1/cases/${id}/escalate`).set(headers).send(escalation),
        ),
      );
      // Whether the second is decided before or after the first lands is the scheduler's
      // affair: either way it is refused, never recorded as a move to stage 3.
      const [accepted, refused] = [...responses].sort((a, b) => a.status - b.status);
      expect(accepted.status).toBe(200);
      expect([
        [409, 'case-changed'],
        [422, 'stage-response-needed'],
      ]).toContainEqual([refused.status, refused.body.code]);
      const now = await api.http.get(`/api/v1/cases/${id}`).set(headers);
      expect(now.body).toMatchObject({ stage: 2, revision: 1 });
    } finally {
      await api.close();
    }
  });

  it('refuses the same escalation sent twice in a row: stage 3 needs the stage 2 response first (422)', async () => {
    const api = await startTestApp();
    try {
      const id = await api.recordCase(staff);
      const headers = await api.auth(operationsManager);
      const escalation = { reason: 'Wrote in, still unhappy', inWriting: true };
      const first = await api.http
        .post(`/api/v1/cases/${id}/escalate`)
        .set(headers)
        .send(escalation);
      const again = await api.http
        .post(`/api/v1/cases/${id}/escalate`)
        .set(headers)
        .send(escalation);
      expect([first.status, again.status]).toEqual([200, 422]);
      expect(again.body.code).toBe('stage-response-needed');
    } finally {
      await api.close();
    }
  });
});
