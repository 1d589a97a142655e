import { addPeople } from './support/people';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const recipient = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');
const senior = person('u-sue', 'senior-manager');

describe('the command side over HTTP', () => {
  let api: TestApp;
  beforeEach(async () => {
    api = await startTestApp({ now: '2026-11-23T10:00:00Z' });
    await addPeople(api.app, { id: 'u-mentor', name: 'Mo Mentor', roles: ['staff'] });
  });
  afterEach(() => api.close());

  const post = async (
    path: string,
    actor: typeof ops,
    body: object,
    headers: Record<string, string> = {},
  ) =>
    api.http
      .post(`/api/v1${path}`)
      .set(await api.auth(actor))
      .set(headers)
      .send(body);

  it('records a complaint: 201, Location, ETag and the case detail with its deadlines', async () => {
    const response = await post('/cases', recipient, complaint({ categories: ['mentoring'] }));
    expect(response.status).toBe(201);
    const { id, reference, revision, position, case: detail } = response.body;
    expect(response.headers.location).toBe(`/api/v1/cases/${id}`);
    expect(response.headers.etag).toBe('"0"');
    expect(reference).toBe('DMM-2026-00001');
    expect(revision).toBe(0);
    expect(position).toBeGreaterThan(0);
    expect(detail).toMatchObject({
      id,
      reference,
      kind: 'complaint',
      formality: 'informal',
      stage: 1,
      status: 'open',
      receivedAt: '2026-11-23T10:00:00.000Z',
      categories: ['mentoring'],
      recipient: { id: 'u-sam', name: 'Name of u-sam' },
      owner: null,
      flags: [],
      deadlines: [
        {
          kind: 'acknowledgement',
          stage: 1,
          dueDate: '2026-11-25',
          dueBy: '2026-11-25T23:59:59.999Z',
          metAt: null,
          missed: false,
          recordedLate: false,
        },
      ],
      revision: 0,
      policyId: 'dmm',
    });
  });

  it('shows an acknowledgement dated on the last day but recorded the day after as met, recorded late, not missed', async () => {
    const { id } = (await post('/cases', recipient, complaint())).body;
    api.clock.set('2026-11-26T09:00:00Z');
    const acknowledged = await post(`/cases/${id}/acknowledge`, recipient, {
      at: '2026-11-25T16:00:00Z',
    });
    expect(acknowledged.body.case.deadlines[0]).toMatchObject({
      dueBy: '2026-11-25T23:59:59.999Z',
      metAt: '2026-11-25T16:00:00.000Z',
      missed: false,
      recordedLate: true,
    });
  });

  it('takes a complaint through acknowledgement, escalation and response, and reads it back', async () => {
    const { id, reference } = (await post('/cases', recipient, complaint())).body;
    api.clock.set('2026-11-24T09:00:00Z');
    const acknowledged = await post(
      `/cases/${id}/acknowledge`,
      recipient,
      { method: 'email' },
      { 'If-Match': '"0"' },
    );
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.headers.etag).toBe('"1"');
    expect(acknowledged.body.case.status).toBe('acknowledged');

    api.clock.set('2026-11-25T09:00:00Z');
    const escalated = await post(`/cases/${id}/escalate`, ops, {
      reason: 'Not resolved locally',
      inWriting: true,
      requestReceivedAt: '2026-11-24T16:00:00Z',
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body.case).toMatchObject({ stage: 2, status: 'open' });
    expect(escalated.body.case.deadlines.at(-1)).toMatchObject({
      kind: 'response',
      stage: 2,
      dueDate: '2026-12-08',
    });

    api.clock.set('2026-12-01T12:00:00Z');
    const responded = await post(`/cases/${id}/respond`, ops, {
      summary: 'Sessions rescheduled and a new mentor assigned',
      outcome: 'upheld',
    });
    expect(responded.body.case).toMatchObject({
      status: 'responded',
      escalationWindowEndsAt: '2027-01-01T23:59:59.999Z',
      autoCloseAt: '2027-01-01T23:59:59.999Z',
    });

    const byId = await api.http.get(`/api/v1/cases/${id}`).set(await api.auth(recipient));
    expect(byId.status).toBe(200);
    expect(byId.headers.etag).toBe(`"${responded.body.revision}"`);
    expect(byId.body).toEqual(responded.body.case);
    const byReference = await api.http
      .get(`/api/v1/cases/by-reference/${reference}`)
      .set(await api.auth(senior));
    expect(byReference.body).toEqual(responded.body.case);
  });

  it('runs every other command of the contract', async () => {
    const { id } = (
      await post(
        '/cases',
        recipient,
        complaint({
          complainant: { name: 'Bo Young', role: 'learner', under18: true },
          representative: { name: 'Cy Young', relationship: 'parent' },
        }),
      )
    ).body;
    expect((await api.http.get(`/api/v1/cases/${id}`).set(await api.auth(ops))).body.flags).toEqual(
      ['representative-unauthorised', 'guardian-decision-pending'],
    );
    const steps: Array<[string, object, object]> = [
      [
        'assign',
        { owner: { id: 'u-mentor', name: 'Mo Mentor' } },
        { owner: { id: 'u-mentor', name: 'Mo Mentor' } },
      ],
      ['correspondence', { channel: 'email', summary: 'Sent the timetable' }, {}],
      ['notes', { text: 'Called the learner back' }, {}],
      ['representative-authorisation', {}, { flags: ['guardian-decision-pending'] }],
      ['guardian-notification', { guardianName: 'Cy Young', method: 'phone' }, { flags: [] }],
      [
        'confidentiality-notice',
        { explanation: 'The mentor must be told who complained' },
        { flags: ['confidentiality-notice-given'] },
      ],
      [
        'categories',
        { categories: ['mentoring', 'timetabling'] },
        { categories: ['mentoring', 'timetabling'] },
      ],
      [
        'close',
        { reason: 'withdrawn', note: 'Learner withdrew' },
        { status: 'closed', closeReason: 'withdrawn' },
      ],
      ['reopen', { reason: 'Learner asked to continue' }, { status: 'open', closeReason: null }],
      [
        'external-referral',
        { body: 'ESFA complaints team', externalReference: 'ESFA-9' },
        { status: 'referred-externally' },
      ],
    ];
    for (const [command, body, expected] of steps) {
      const response = await post(`/cases/${id}/${command}`, ops, body);
      expect({ command, status: response.status }).toEqual({ command, status: 200 });
      expect(response.body.case).toMatchObject(expected);
    }
  });

  it('records a waived guardian notification', async () => {
    const { id } = (
      await post(
        '/cases',
        recipient,
        complaint({ complainant: { name: 'Bo', role: 'learner', under18: true } }),
      )
    ).body;
    const waived = await post(`/cases/${id}/guardian-notification`, recipient, {
      waived: true,
      reason: 'Learner is estranged from their guardian',
    });
    expect(waived.status).toBe(200);
    expect(waived.body.case.flags).toEqual([]);
  });

  it('records a compliment and a suggestion, and a complaint resolved at first contact', async () => {
    const compliment = await post('/cases', recipient, {
      kind: 'compliment',
      channel: 'email',
      summary: 'Great mentor',
      complainant: { name: 'Ed Employer', role: 'employer' },
      shareAsGoodPractice: true,
    });
    expect(compliment.body.case).toMatchObject({
      kind: 'compliment',
      stage: null,
      flags: ['share-as-good-practice'],
    });
    const resolved = await post(
      '/cases',
      recipient,
      complaint({ resolvedAtFirstContact: { resolution: 'Rebooked' } }),
    );
    expect(resolved.body.case).toMatchObject({
      status: 'closed',
      closeReason: 'resolved-at-first-contact',
    });
    expect(resolved.body.reference).toBe('DMM-2026-00002');
  });
});
