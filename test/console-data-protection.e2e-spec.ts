import { signInToConsole, type ConsoleVisitor } from './support/console';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('ann', 'staff');
const manager = person('olu', 'operations-manager');
const dpo = person('dee', 'data-protection');

const revisionIn = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1];

describe('the console for data protection', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  async function record(body: Record<string, unknown> = complaint()) {
    const id = await t.recordCase(staff, body);
    const { body: found } = await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(staff));
    return found as { id: string; reference: string };
  }

  async function act(visitor: ConsoleVisitor, reference: string, action: string, reason: string) {
    const form = await visitor.get(`/cases/${reference}/${action}`);
    expect(form.status).toBe(200);
    return visitor.post(`/cases/${reference}/${action}`, {
      revision: revisionIn(form.text),
      reason,
    });
  }

  it('starts at the retention page, named in the navigation, and shows no worklist', async () => {
    const dee = await signInToConsole(t, dpo);
    const home = await dee.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/data-protection/retention');
    const page = await dee.get('/data-protection/retention');
    expect(page.status).toBe(200);
    expect(page.text).toContain('>Retention<');
    expect(page.text).toContain('No case is due for erasure in the next 30 days.');
    expect(page.text).toContain('No case is under a legal hold.');
  });

  it('refuses the retention page to anyone else, as "not allowed"', async () => {
    const olu = await signInToConsole(t, manager);
    expect((await olu.get('/data-protection/retention')).status).toBe(403);
  });

  it('places and lifts a hold, and erases with a reason on a confirm page, with banners on the case', async () => {
    const { reference } = await record(
      complaint({ complainant: { name: 'Zebedee Quill', role: 'learner' } }),
    );
    const dee = await signInToConsole(t, dpo);
    const found = await dee.get(`/find?reference=${reference}`);
    expect(found.headers.location).toBe(`/cases/${reference}`);
    const page = await dee.get(`/cases/${reference}`);
    expect(page.status).toBe(200);
    for (const action of ['legal-hold', 'erase']) expect(page.text).toContain(`/${action}"`);
    expect(page.text).not.toContain('/notes"');

    const missing = await dee.post(`/cases/${reference}/legal-hold`, {
      revision: revisionIn((await dee.get(`/cases/${reference}/legal-hold`)).text),
      reason: '',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Enter why the case is held');

    expect((await act(dee, reference, 'legal-hold', 'Tribunal claim')).status).toBe(303);
    const held = await dee.get(`/cases/${reference}`);
    expect(held.text).toContain('Under legal hold since Mon 7 Dec 2026, 9:00am: Tribunal claim');
    expect(held.text).not.toContain(`/cases/${reference}/erase"`);
    const retention = await dee.get('/data-protection/retention');
    expect(retention.text).toContain(reference);
    expect(retention.text).toContain('Tribunal claim');

    expect((await act(dee, reference, 'lift-legal-hold', 'Settled')).status).toBe(303);
    const confirm = await dee.get(`/cases/${reference}/erase`);
    expect(confirm.text).toContain('This cannot be undone.');
    expect((await act(dee, reference, 'erase', 'Asked for erasure')).status).toBe(303);
    const erased = await dee.get(`/cases/${reference}`);
    expect(erased.text).toContain(
      'Personal data erased on Mon 7 Dec 2026, 9:00am by Name of dee: Asked for erasure',
    );
    expect(erased.text).not.toContain('Zebedee');
    expect(erased.text).not.toContain(`/cases/${reference}/erase"`);
  });

  it('lists the closed cases due for erasure in the next 30 days, with the day each goes', async () => {
    t.clock.set('2020-12-20T10:00:00Z');
    const due = await record();
    const later = await record();
    for (const found of [due, later])
      expect(
        (
          await t.http
            .post(`/api/v1/cases/${found.id}/close`)
            .set(await t.auth(manager))
            .send({ reason: 'withdrawn' })
        ).status,
      ).toBe(200);
    t.clock.set('2026-11-25T10:00:00Z');
    const dee = await signInToConsole(t, dpo);
    const page = await dee.get('/data-protection/retention');
    expect(page.text).toContain(due.reference);
    expect(page.text).toContain('Sun 20 Dec 2020');
    expect(page.text).toContain('Mon 21 Dec 2026');
  });
});
