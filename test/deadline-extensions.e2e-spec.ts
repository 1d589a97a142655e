import { signInToConsole } from './support/console';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ops = person('u-olu', 'operations-manager');
const senior = person('u-sue', 'senior-manager');
const staff = person('u-sam', 'staff');
const admin = person('u-adam', 'admin');

/** The revision a form on the page was rendered at. */
const revisionIn = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1];

/*
 * A formal complaint received Mon 7 Dec 2026: its stage 2 response is due Mon 21 Dec,
 * and DMM allows extensions of 10 working days in all.
 */
describe('extending a deadline', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  const formal = () => t.recordCase(staff, complaint({ channel: 'email', formality: 'formal' }));

  const extend = async (
    id: string,
    body: object,
    actor = ops,
    headers: Record<string, string> = {},
  ) =>
    t.http
      .post(`/api/v1/cases/${id}/extend-deadline`)
      .set(await t.auth(actor))
      .set(headers)
      .send(body);

  const history = async (id: string) =>
    (await t.http.get(`/api/v1/cases/${id}/history`).set(await t.auth(ops))).body.events as Array<{
      type: string;
      data: Record<string, unknown>;
    }>;

  const FIVE_DAYS = { deadline: 'response', stage: 2, addWorkingDays: 5, reason: 'Statement due' };

  describe('POST /cases/:id/extend-deadline', () => {
    it('moves the due date past Christmas, keeping the first one beside it; a stale If-Match is refused', async () => {
      const id = await formal();
      t.clock.set('2026-12-15T11:00:00Z');
      const extended = await extend(
        id,
        { ...FIVE_DAYS, complainantInformedAt: '2026-12-15T10:30:00Z' },
        ops,
        { 'If-Match': '"0"' },
      );
      expect(extended.status).toBe(200);
      expect(extended.headers.etag).toBe('"1"');
      expect(extended.body.case.deadlines).toEqual([
        expect.objectContaining({
          kind: 'response',
          stage: 2,
          dueDate: '2026-12-30',
          dueBy: '2026-12-30T23:59:59.999Z',
          originalDueDate: '2026-12-21',
          originalDueBy: '2026-12-21T23:59:59.999Z',
          extensions: [
            {
              at: '2026-12-15T11:00:00.000Z',
              previousDueBy: '2026-12-21T23:59:59.999Z',
              dueBy: '2026-12-30T23:59:59.999Z',
              workingDaysAdded: 5,
              reason: 'Statement due',
              complainantInformedAt: '2026-12-15T10:30:00.000Z',
              override: null,
              by: { id: 'u-olu', name: 'Name of u-olu' },
            },
          ],
        }),
      ]);
      const stale = await extend(id, FIVE_DAYS, ops, { 'If-Match': '"0"' });
      expect(stale.status).toBe(412);
    });

    it.each([
      ['both a count and a date', { ...FIVE_DAYS, newDueDate: '2026-12-23' }, 'newDueDate'],
      ['neither', { deadline: 'response', stage: 2, reason: 'r' }, 'addWorkingDays'],
      ['more than 60 working days', { ...FIVE_DAYS, addWorkingDays: 61 }, 'addWorkingDays'],
      [
        'a date that is not real',
        { ...FIVE_DAYS, addWorkingDays: undefined, newDueDate: '2026-02-30' },
        'newDueDate',
      ],
      ['an unknown deadline', { ...FIVE_DAYS, deadline: 'closure' }, 'deadline'],
    ])('answers 400 for %s', async (_what, body, field) => {
      const id = await formal();
      const refused = await extend(id, body);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses beyond the allowance (422) unless a senior manager overrides; staff may not at stage 2 (403)', async () => {
      const id = await formal();
      const beyond = { ...FIVE_DAYS, addWorkingDays: 11 };
      const refused = await extend(id, beyond);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('extension-beyond-allowance');
      expect((await extend(id, beyond, staff)).status).toBe(403);
      const overridden = await extend(
        id,
        { ...beyond, override: { reason: 'Independent investigator' } },
        senior,
      );
      expect(overridden.status).toBe(200);
      expect(overridden.body.case.deadlines[0].extensions[0].override).toEqual({
        reason: 'Independent investigator',
      });
    });
  });

  it('the sla-sweep records no miss before the new date, and the miss of the new date after it', async () => {
    const id = await formal();
    expect((await extend(id, FIVE_DAYS)).status).toBe(200);
    const sweep = async () =>
      t.http.post('/api/v1/admin/jobs/sla-sweep/run').set(await t.auth(admin));
    t.clock.set('2026-12-22T09:00:00Z');
    expect((await sweep()).status).toBeLessThan(300);
    expect((await history(id)).map((e) => e.type)).not.toContain('DeadlineMissed');
    t.clock.set('2026-12-31T09:00:00Z');
    await sweep();
    expect((await history(id)).find((e) => e.type === 'DeadlineMissed')?.data).toMatchObject({
      dueDate: '2026-12-30',
    });
  });

  it('counts the extended deadline apart in the monthly report', async () => {
    const id = await formal();
    const { position } = (await extend(id, FIVE_DAYS)).body;
    const report = await t.http
      .get('/api/v1/reports/monthly?month=2026-12')
      .set(await t.auth(senior))
      .set('X-CLF-Min-Position', String(position));
    expect(report.status).toBe(200);
    expect(report.body.total.deadlinesExtended).toEqual({ 'response.stage-2': 1 });
  });

  describe('in the console', () => {
    it('extends from the case page’s action form and shows both dates and the reason', async () => {
      const id = await formal();
      const { reference } = (await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(ops))).body;
      t.clock.set('2026-12-15T11:00:00Z');
      const olu = await signInToConsole(t, ops);
      const page = await olu.get(`/cases/${reference}`);
      expect(page.text).toContain(`/cases/${reference}/extend-deadline`);
      const form = await olu.get(`/cases/${reference}/extend-deadline`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Response, stage 2: due Mon 21 Dec 2026');
      expect(form.text).toContain('The policy allows 10 more working days');
      expect(form.text).not.toContain('overrideReason');

      const incomplete = await olu.post(`/cases/${reference}/extend-deadline`, {
        revision: revisionIn(form.text),
        which: 'response:2',
        reason: 'Statement due',
      });
      expect(incomplete.status).toBe(400);
      expect(incomplete.text).toContain('Choose whether to add working days or give a new date');

      const sent = await olu.post(`/cases/${reference}/extend-deadline`, {
        revision: revisionIn(form.text),
        which: 'response:2',
        by: 'date',
        'newDueDate-day': '4',
        'newDueDate-month': '1',
        'newDueDate-year': '2027',
        reason: 'Waiting for the mentor’s statement',
        'complainantInformedAt-day': '15',
        'complainantInformedAt-month': '12',
        'complainantInformedAt-year': '2026',
        'complainantInformedAt-time': '10:30am',
      });
      expect(sent.status).toBe(303);
      const after = (await olu.get(`/cases/${reference}`)).text;
      expect(after).toMatch(
        /Mon 4 Jan 2027[\s\S]*?Extended from Mon 21 Dec 2026 by 7 working days/,
      );
      expect(after).toContain(
        'extended the response deadline at stage 2 by 7 working days, to Mon 4 Jan 2027.',
      );
      expect(after).toContain('Waiting for the mentor’s statement');
      const extended = (await history(id)).find((e) => e.type === 'DeadlineExtended');
      expect(extended?.data).toMatchObject({
        dueDate: '2027-01-04',
        complainantInformedAt: '2026-12-15T10:30:00.000Z',
      });
    });

    it('offers a senior manager the override once the allowance is used, and staff no form at all', async () => {
      const id = await formal();
      expect((await extend(id, { ...FIVE_DAYS, addWorkingDays: 10 })).status).toBe(200);
      const { reference } = (await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(ops))).body;
      const sue = await signInToConsole(t, senior);
      const form = await sue.get(`/cases/${reference}/extend-deadline`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('only a senior manager’s override can extend it');
      expect(form.text).toContain('name="overrideReason"');
      const olu = await signInToConsole(t, ops);
      expect((await olu.get(`/cases/${reference}/extend-deadline`)).status).toBe(403);
      const sam = await signInToConsole(t, staff);
      expect((await sam.get(`/cases/${reference}/extend-deadline`)).status).toBe(403);
    });
  });
});
