import { signInToConsole } from './support/console';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('ann', 'staff');
const manager = person('olu', 'operations-manager');
const auditor = person('aud', 'auditor');
const stranger = person('other', 'staff');

const keyIn = (html: string) => /name="key" value="([^"]+)"/.exec(html)![1];
const fieldIn = (html: string, id: string) =>
  new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];

describe('writing to the complainant on the console', () => {
  let t: TestApp;
  let reference: string;
  let caseId: string;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    caseId = await t.recordCase(
      staff,
      complaint({
        channel: 'email',
        complainant: { name: 'Ada Learner', role: 'learner', email: 'ada@example.org' },
      }),
    );
    const { body } = await t.http.get(`/api/v1/cases/${caseId}`).set(await t.auth(manager));
    reference = body.reference;
  });
  afterEach(() => t.close());

  it('links from the case page to its letters, and offers writing to those who may', async () => {
    const olu = await signInToConsole(t, manager);
    const page = await olu.get(`/cases/${reference}`);
    expect(page.text).toContain(`href="/cases/${reference}/letters"`);
    const letters = await olu.get(`/cases/${reference}/letters`);
    expect(letters.status).toBe(200);
    expect(letters.text).toContain('Nothing has been sent to the complainant from here yet.');
    expect(letters.text).toContain(`href="/cases/${reference}/letters/new"`);
    const aud = await signInToConsole(t, auditor);
    const read = await aud.get(`/cases/${reference}/letters`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('/letters/new');
    expect((await aud.get(`/cases/${reference}/letters/new`)).status).toBe(403);
  });

  it('offers the extension notice once a deadline is extended, to those who may write', async () => {
    const olu = await signInToConsole(t, manager);
    const extension = { which: 'acknowledgement:1', by: 'days', addWorkingDays: '2' };
    const reason = 'Waiting for the tutor to come back';
    const form = await olu.get(`/cases/${reference}/extend-deadline`);
    const revision = /name="revision" value="(\d+)"/.exec(form.text)![1];
    const extended = await olu.post(`/cases/${reference}/extend-deadline`, {
      ...extension,
      reason,
      revision,
    });
    expect(extended.status).toBe(303);
    const page = await olu.get(extended.headers.location);
    expect(page.text).toContain('The deadline was extended.');
    const offer = `href="/cases/${reference}/letters/new?template=extension"`;
    expect(page.text).toContain(offer);
    const draft = await olu.get(`/cases/${reference}/letters/new?template=extension`);
    expect(draft.text).toContain(`value="Your complaint ${reference}: more time for our response"`);
    const aud = await signInToConsole(t, auditor);
    const read = await aud.get(extended.headers.location);
    expect(read.text).toContain('The deadline was extended.');
    expect(read.text).not.toContain(offer);
  });

  it('drafts from the template, previews the edited letter, and sends it once', async () => {
    const olu = await signInToConsole(t, manager);
    const form = await olu.get(`/cases/${reference}/letters/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="Your complaint ${reference}: we have received it"`);
    expect(fieldIn(form.text, 'body')).toContain('Dear Ada Learner,');
    const key = keyIn(form.text);
    const fields = {
      key,
      template: 'acknowledgement',
      addressedTo: 'complainant',
      subject: 'We have your complaint',
      body: 'Dear Ada,\n\nThank you. <b>Bold?</b>\n',
      channels: ['email', 'post'],
    };
    const preview = await olu.post(`/cases/${reference}/letters/new`, {
      ...fields,
      intent: 'preview',
    });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('id="preview"');
    expect(preview.text).toContain('Thank you. &lt;b&gt;Bold?&lt;/b&gt;');
    const sent = await olu.post(`/cases/${reference}/letters/new`, { ...fields, intent: 'send' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/cases/${reference}/letters?sent=1`);
    const again = await olu.post(`/cases/${reference}/letters/new`, { ...fields, intent: 'send' });
    expect(again.status).toBe(303);
    const { body } = await t.http.get(`/api/v1/cases/${caseId}/letters`).set(await t.auth(manager));
    expect(body.letters).toHaveLength(1);
    expect(body.letters[0]).toMatchObject({
      subject: 'We have your complaint',
      body: 'Dear Ada,\n\nThank you. <b>Bold?</b>\n',
      channels: ['email', 'post'],
    });
    const list = await olu.get(`/cases/${reference}/letters?sent=1`);
    expect(list.text).toContain('The letter was sent.');
    expect(list.text).toContain('waiting to be sent');
    expect(list.text).toContain(`href="/cases/${reference}/documents/${body.letters[0].letterId}"`);
  });

  it('drafts another template when asked, keeping the choice of channels', async () => {
    const olu = await signInToConsole(t, manager);
    const other = await olu.post(`/cases/${reference}/letters/new`, {
      key: 'k',
      template: 'extension',
      channels: ['post'],
      subject: 'old',
      body: 'old',
      intent: 'draft',
    });
    expect(other.status).toBe(200);
    expect(other.text).toContain(`value="Your complaint ${reference}: more time for our response"`);
    expect(other.text).toMatch(/value="post" checked/);
  });

  it('shows refusals beside the form, and records nothing', async () => {
    const olu = await signInToConsole(t, manager);
    const refused = await olu.post(`/cases/${reference}/letters/new`, {
      key: 'k',
      template: 'acknowledgement',
      subject: '',
      body: 'Hello',
      email: 'not an address',
      intent: 'send',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain('href="#subject"');
    expect(refused.text).toContain('href="#channels"');
    expect(refused.text).toContain('href="#email"');
    const { body } = await t.http.get(`/api/v1/cases/${caseId}/letters`).set(await t.auth(manager));
    expect(body.letters).toEqual([]);
  });

  it('refuses a form without its anti-forgery token', async () => {
    const olu = await signInToConsole(t, manager);
    const forged = await olu.post(
      `/cases/${reference}/letters/new`,
      { template: 'acknowledgement', channels: 'post', intent: 'send' },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
  });

  it('is “not found” for someone who may not see the case', async () => {
    const other = await signInToConsole(t, stranger);
    expect((await other.get(`/cases/${reference}/letters`)).status).toBe(404);
    expect((await other.get(`/cases/${reference}/letters/new`)).status).toBe(404);
  });
});
