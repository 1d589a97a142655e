import { signInToConsole, type ConsoleVisitor } from './support/console';
import { person, startTestApp, type TestApp } from './support/test-app';

const ann = person('ann', 'staff');

const parentsEmail = {
  idempotencyKey: 'form-1',
  kind: 'complaint',
  formality: 'formal',
  channel: 'email',
  receivedDate: '2026-12-07',
  receivedTime: '08:15',
  summary: 'Placement cancelled without notice',
  details: 'My son’s work placement was cancelled the day before it started.',
  'complainant[name]': 'Priya Shah',
  'complainant[role]': 'parent-guardian',
  'complainant[email]': 'priya.shah@example.com',
  'complainant[under18]': 'yes',
  categories: 'placements, communication',
};

describe('recording feedback through the console', () => {
  let t: TestApp;
  let visitor: ConsoleVisitor;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    visitor = await signInToConsole(t, ann);
  });
  afterEach(() => t.close());

  const caseAt = async (location: string) => {
    const reference = /^\/cases\/([^?]+)\?recorded=1$/.exec(location)![1];
    const found = await t.http
      .get(`/api/v1/cases/by-reference/${reference}`)
      .set(await t.auth(ann));
    return found.body;
  };

  it('records an e-mailed complaint from a parent as the API would, received at the local time typed', async () => {
    const form = await visitor.get('/cases/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="2026-12-07"');
    expect(form.text).toContain('value="09:00"');
    const recorded = await visitor.post('/cases/new', parentsEmail);
    expect(recorded.status).toBe(303);
    const found = await caseAt(recorded.headers.location);
    expect(found).toMatchObject({
      kind: 'complaint',
      formality: 'formal',
      channel: 'email',
      receivedAt: '2026-12-07T08:15:00.000Z',
      summary: 'Placement cancelled without notice',
      complainant: {
        name: 'Priya Shah',
        role: 'parent-guardian',
        under18: true,
        email: 'priya.shah@example.com',
      },
      categories: ['placements', 'communication'],
      recipient: { id: 'ann' },
    });
  });

  it('records a form sent twice as one case', async () => {
    const first = await visitor.post('/cases/new', parentsEmail);
    const second = await visitor.post('/cases/new', parentsEmail);
    expect(second.headers.location).toBe(first.headers.location);
    const list = await t.http.get('/api/v1/cases').set(await t.auth(ann));
    expect(list.body.items).toHaveLength(1);
  });

  it('shows each error beside its field and keeps what was typed', async () => {
    const response = await visitor.post('/cases/new', {
      ...parentsEmail,
      summary: '',
      'complainant[email]': 'not-an-address',
      receivedDate: '2026-12-08',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('href="#summary"');
    expect(response.text).toContain('href="#complainant-email"');
    expect(response.text).toContain('cannot be in the future');
    expect(response.text).toContain('value="Priya Shah"');
    expect((await t.http.get('/api/v1/cases').set(await t.auth(ann))).body.items).toHaveLength(0);
  });

  it('refuses a time the clocks skipped', async () => {
    t.clock.set('2026-04-01T09:00:00Z');
    const response = await visitor.post('/cases/new', {
      ...parentsEmail,
      receivedDate: '2026-03-29',
      receivedTime: '01:30',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('the clocks went forward that night');
  });

  it('records nothing from a form without its token, and is not for roles that do not record', async () => {
    expect((await visitor.post('/cases/new', parentsEmail, { csrf: false })).status).toBe(403);
    expect((await t.http.get('/api/v1/cases').set(await t.auth(ann))).body.items).toHaveLength(0);
    const auditor = await signInToConsole(t, person('aud', 'auditor'));
    expect((await auditor.get('/cases/new')).status).toBe(403);
  });
});
