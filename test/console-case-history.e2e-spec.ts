import { addPeople, signInToConsole } from './support/console';
import {
  momentsQuery,
  typedMoment,
} from '../apps/api/src/console/case-history/testing/typed-moment';
import { forgeEvent } from './support/tampering';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('ann', 'staff');
const manager = person('olu', 'operations-manager');
const auditor = person('audrey', 'auditor');
const quality = person('quinn', 'quality');
const admin = person('adam', 'admin');

/** The page's main content: what is the same for everyone looking at an error. */
const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];
/** The text of the page's main content, tags and spacing gone, entities as typed. */
const textOf = (html: string) =>
  main(html)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

describe('the audit view of a case', () => {
  let t: TestApp;
  let id: string;
  let reference: string;
  beforeEach(async () => {
    // Mon 7 Dec 2026, 9am in London.
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    id = await t.recordCase(staff, complaint({ summary: 'Mentor missed two sessions' }));
    ({ reference } = (await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(staff))).body);
    t.clock.set('2026-12-08T14:30:00Z');
    const noted = await t.http
      .post(`/api/v1/cases/${id}/notes`)
      .set(await t.auth(manager))
      .send({ text: 'Called the employer' });
    expect(noted.status).toBe(200);
  });
  afterEach(() => t.close());

  const historyOf = async (actor = auditor, query = '') =>
    (await signInToConsole(t, actor)).get(`/cases/${reference}/history${query}`);
  /** The page an auditor is shown with these moments typed in: its markup and its text. */
  const withMoments = async (status: number, ...moments: Array<Record<string, string>>) => {
    const page = await historyOf(auditor, momentsQuery(...moments));
    expect(page.status).toBe(status);
    return { html: page.text, text: textOf(page.text) };
  };

  it('shows every event as stored, in words, with its times, who, correlation id and hash', async () => {
    const { body: api } = await t.http
      .get(`/api/v1/cases/${id}/history`)
      .set(await t.auth(auditor));
    const page = await historyOf();
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('every event still has the hash it was recorded with');
    expect(text).toContain('Name of ann recorded the complaint, received by');
    expect(text).toContain('Mon 7 Dec 2026, 9:00am');
    expect(text).toContain('Name of olu added a note.');
    expect(text).toContain('Called the employer');
    expect(text).toContain('Tue 8 Dec 2026, 2:30pm');
    for (const event of api.events) {
      expect(page.text).toContain(event.correlationId);
      expect(page.text).toContain(`<code>${event.hash.slice(0, 12)}</code>`);
      expect(page.text).toContain(event.hash);
    }
    expect(page.text).not.toContain('Does not verify');
  });

  it('is linked from the case page', async () => {
    const page = await (await signInToConsole(t, auditor)).get(`/cases/${reference}`);
    expect(page.text).toContain(`href="/cases/${reference}/history"`);
  });

  it('is shown to those who may see the case, and to nobody else, as the API’s history is', async () => {
    for (const actor of [auditor, quality, manager, staff])
      expect((await historyOf(actor)).status).toBe(200);
    const missing = await (await signInToConsole(t, auditor)).get('/cases/DMM-2026-99999/history');
    expect(missing.status).toBe(404);
    for (const actor of [person('bea', 'staff'), admin]) {
      const hidden = await historyOf(actor);
      expect(hidden.status).toBe(404);
      expect(main(hidden.text)).toBe(main(missing.text));
      expect(hidden.text).not.toContain('Mentor missed');
      const api = await t.http.get(`/api/v1/cases/${id}/history`).set(await t.auth(actor));
      expect(api.status).toBe(404);
    }
  });

  it('names the first broken revision in a red banner when the trail has been altered', async () => {
    forgeEvent(t.dataDir, id, 1);
    const page = await historyOf();
    expect(page.status).toBe(200);
    expect(page.text).toContain('moj-alert--error');
    expect(textOf(page.text)).toContain('The audit trail does not verify from revision 1');
    expect(page.text.match(/Does not verify/g)).toHaveLength(1);
  });

  it('shows the case as the system knew it at a moment typed in local time', async () => {
    const then = await withMoments(200, typedMoment('asOf', '8 12 2026', '2:29pm'));
    expect(then.text).toContain('On Tue 8 Dec 2026, 2:29pm, as of revision 0');
    expect(then.text).toContain('Mentor missed two sessions');
    expect(then.html).toContain('value="2:29pm"');
    const earlier = await withMoments(200, typedMoment('asOf', '7 12 2026', '8am'));
    expect(earlier.text).toContain('the system had no record of this case yet');
  });

  it('shows what changed between two moments: the fields, and the events in between', async () => {
    await addPeople(t, manager);
    t.clock.set('2026-12-09T10:00:00Z');
    const assigned = await t.http
      .post(`/api/v1/cases/${id}/assign`)
      .set(await t.auth(manager))
      .send({ owner: { id: manager.id, name: manager.name } });
    expect(assigned.status).toBe(200);
    const { text } = await withMoments(
      200,
      typedMoment('from', '8 12 2026', '9am'),
      typedMoment('to', '9 12 2026', '11am'),
    );
    for (const shown of [
      'From Tue 8 Dec 2026, 9:00am to Wed 9 Dec 2026, 11:00am',
      'The case: Owner Not assigned Name of olu',
      'The events recorded in between',
      'Name of olu added a note.',
      'made Name of olu the owner',
    ])
      expect(text).toContain(shown);
  });

  it('says what is wrong with a moment typed, beside it, without showing anything for it', async () => {
    const { html, text } = await withMoments(
      400,
      typedMoment('asOf', '31 2 2026', '9am'),
      typedMoment('to', '9 12 2026', '9am'),
    );
    expect(text).toMatch(
      /There is a problem.*Enter a real date, for example 22 12 2026.*Enter the first moment/,
    );
    expect(html).toContain('href="#asOf-day"');
    expect(text).not.toContain('as of revision');
  });
});
