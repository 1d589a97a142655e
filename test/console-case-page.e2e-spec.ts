import { signInToConsole } from './support/console';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('ann', 'staff');
const manager = person('olu', 'operations-manager');

/** The page's main content: what is the same for everyone looking at an error. */
const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];

describe('the case page', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  async function recordAs(actor = staff, body: Record<string, unknown> = complaint()) {
    const id = await t.recordCase(actor, body);
    const { body: found } = await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(actor));
    return found as { id: string; reference: string; revision: number };
  }

  describe('who sees it', () => {
    it('shows a case to its recipient at its reference, in any letter case', async () => {
      const { reference } = await recordAs();
      const ann = await signInToConsole(t, staff);
      const page = await ann.get(`/cases/${reference.toLowerCase()}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(reference);
      expect(page.text).toContain('Mentor missed two sessions');
    });

    it('answers a case another member of staff may not see with the very page of a missing one', async () => {
      const { reference } = await recordAs();
      const stranger = await signInToConsole(t, person('bea', 'staff'));
      const hidden = await stranger.get(`/cases/${reference}`);
      const missing = await stranger.get('/cases/DMM-2026-99999');
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(main(hidden.text)).toBe(main(missing.text));
      expect(hidden.text).not.toContain('Mentor missed');
    });
  });
});
