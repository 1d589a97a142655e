import { commandsAt } from './support/commands-at';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');
const quality = person('u-quinn', 'quality');

/**
 * December 2026 by hand (England: 25th and 28th are bank holidays).
 * Stage 1, acknowledge within 2 working days:
 *   A  Tue 1st, due Thu 3rd, acknowledged Wed 2nd  → on time, 1 working day
 *   B  Wed 2nd, due Fri 4th, acknowledged Mon 7th  → late,    3 working days
 *   C  Wed 23rd, due Tue 29th, acknowledged 29th but recorded on the 30th
 *                                                  → recorded late, 2 working days (24th, 29th)
 * Stage 2 (formal, written), respond within 10 working days:
 *   D  Tue 1st (letter), due Tue 15th, responded Mon 14th → on time, 9 working days
 *   E  Thu 3rd (email),  due Thu 17th, responded Fri 18th → late,   11 working days
 * Medians: acknowledge 2 (of 1, 3, 2); respond 10 (of 9, 11).
 * Every other act is recorded when it happens.
 */
describe('reports against a month computed by hand', () => {
  let api: TestApp;
  let commands: ReturnType<typeof commandsAt>;
  beforeAll(async () => {
    api = await startTestApp({ now: '2026-12-31T12:00:00Z' });
    commands = commandsAt(api);
    const { post } = commands;
    const informal = (receivedAt: string, categories: string[]) =>
      post(receivedAt, staff, '/cases', complaint({ receivedAt, categories }));
    const acknowledge = (id: string, at: string, recordedAt = at) =>
      post(recordedAt, staff, `/cases/${id}/acknowledge`, { at });
    const a = await informal('2026-12-01T10:00:00Z', ['mentoring']);
    const b = await informal('2026-12-02T10:00:00Z', ['mentoring']);
    const c = await informal('2026-12-23T16:00:00Z', ['fees']);
    await acknowledge(a.id, '2026-12-02T09:00:00Z');
    await acknowledge(b.id, '2026-12-07T09:00:00Z');
    await acknowledge(c.id, '2026-12-29T17:00:00Z', '2026-12-30T09:00:00Z');
    const formal = (receivedAt: string, channel: string, categories: string[] = []) =>
      post(
        receivedAt,
        staff,
        '/cases',
        complaint({ formality: 'formal', channel, receivedAt, categories }),
      );
    const d = await formal('2026-12-01T11:00:00Z', 'letter', ['fees']);
    const e = await formal('2026-12-03T11:00:00Z', 'email');
    const respond = (id: string, at: string, summary: string, outcome: string) =>
      post(at, ops, `/cases/${id}/respond`, { at, summary, outcome });
    await respond(d.id, '2026-12-14T15:00:00Z', 'Refunded', 'upheld');
    await respond(e.id, '2026-12-18T15:00:00Z', 'Explained', 'not-upheld');
    await post('2026-12-31T12:00:00Z', ops, `/cases/${a.id}/close`, { reason: 'resolved' });
  });
  afterAll(() => api.close());

  const get = async (path: string, actor = quality, headers: Record<string, string> = {}) =>
    api.http
      .get(`/api/v1${path}`)
      .set(await commands.readAs(actor))
      .set(headers);

  it('GET /reports/monthly gives the counts and medians worked out above', async () => {
    const response = await get('/reports/monthly?month=2026-12');
    expect(response.status).toBe(200);
    const december = {
      received: {
        total: 5,
        byKind: { complaint: 5 },
        byFormality: { formal: 2, informal: 3 },
        byChannel: { email: 1, letter: 1, phone: 3 },
        byCategory: { fees: 2, mentoring: 2 },
      },
      closed: { total: 1, byReason: { resolved: 1 } },
      acknowledgements: { 'stage-1': { onTime: 1, late: 1, recordedLate: 1, onTimeRate: 0.333 } },
      responses: { 'stage-2': { onTime: 1, late: 1, recordedLate: 0, onTimeRate: 0.5 } },
      outcomes: { 'not-upheld': 1, upheld: 1 },
      escalations: {},
      deadlinesExtended: {},
      recordedAfterWindowClosed: {},
      externalReferrals: 0,
      reopened: 0,
      medianWorkingDays: { acknowledge: { 'stage-1': 2 }, respond: { 'stage-2': 10 } },
    };
    expect(response.body).toEqual({
      from: '2026-12',
      to: '2026-12',
      policyId: 'dmm',
      stageNames: expect.objectContaining({
        'stage-1': 'Local resolution',
        'stage-2': 'Formal written complaint',
      }),
      months: [{ month: '2026-12', ...december }],
      total: december,
    });
  });

  it('gives a run of months, each month apart and the run added up', async () => {
    const response = await get('/reports/monthly?from=2026-11&to=2026-12');
    expect(response.status).toBe(200);
    expect(response.body.months.map((m: { month: string }) => m.month)).toEqual([
      '2026-11',
      '2026-12',
    ]);
    expect(response.body.months[0].received.total).toBe(0);
    expect(response.body.total.received.total).toBe(5);
    expect(response.body.total.medianWorkingDays.respond).toEqual({ 'stage-2': 10 });
  });

  it('gives the monthly report as one tidy CSV table on Accept: text/csv, with stage names and percentages', async () => {
    const response = await get('/reports/monthly?month=2026-12', quality, { Accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.text).toMatch(
      /^\uFEFF"Month","Section","Figure","Stage","Number","Percentage"\r\n/,
    );
    expect(response.text).toContain(
      '"2026-12","Acknowledgements","On time","Local resolution","1","33.3"\r\n',
    );
    expect(response.text).toContain(
      '"2026-12","Acknowledgements","Recorded late","Local resolution","1","33.3"\r\n',
    );
    expect(response.text).toContain(
      '"2026-12","Median working days","To respond","Formal written complaint","10",""\r\n',
    );
    expect(response.text).not.toMatch(/stage-\d/);
  });

  it('GET /reports/annual reports the formal complaints to the Board', async () => {
    const response = await get('/reports/annual?year=2026');
    expect(response.body).toMatchObject({
      year: 2026,
      formalComplaintsReceived: 2,
      finalOutcomes: { upheld: 1, 'not-upheld': 1 },
      furthestStage: { 'stage-2': 2 },
      referredExternally: 0,
      themes: { fees: 1 },
      onTime: { responses: { onTime: 1, late: 1, onTimeRate: 0.5 } },
    });
  });

  it('GET /reports/themes counts categories per month', async () => {
    const response = await get('/reports/themes?from=2026-11&to=2026-12');
    expect(response.body).toEqual({
      from: '2026-11',
      to: '2026-12',
      months: ['2026-11', '2026-12'],
      categories: [
        { category: 'fees', total: 2, byMonth: { '2026-11': 0, '2026-12': 2 } },
        { category: 'mentoring', total: 2, byMonth: { '2026-11': 0, '2026-12': 2 } },
      ],
    });
  });

  it('GET /dashboard counts open cases and this month’s on-time rates', async () => {
    const response = await get('/dashboard', ops);
    expect(response.body).toMatchObject({
      open: { total: 4, byKind: { complaint: 4 }, byStatus: { acknowledged: 2, responded: 2 } },
      unassigned: 4,
      thisMonth: {
        month: '2026-12',
        acknowledgements: { onTime: 1, late: 1, recordedLate: 1 },
        responses: { onTime: 1, late: 1, onTimeRate: 0.5 },
      },
    });
  });

  it('keeps reports from staff, and refuses a malformed month', async () => {
    expect((await get('/reports/monthly', staff)).status).toBe(403);
    const bad = await get('/reports/monthly?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('month');
  });
});
