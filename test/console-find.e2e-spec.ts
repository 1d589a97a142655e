import { signInToConsole, type ConsoleVisitor } from './support/console';
import { person, startTestApp, type TestApp } from './support/test-app';

describe('find by reference from the header (/find)', () => {
  let t: TestApp;
  let staff: ConsoleVisitor;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    staff = await signInToConsole(t, person('ann', 'staff'));
  });
  afterEach(() => t.close());

  it('goes to the case’s page, in the policy’s form of the reference, whatever the letter case and spacing', async () => {
    for (const typed of ['DMM-2026-00042', '  dmm-2026-00042 ', 'Dmm 2026 42']) {
      const found = await staff.get(`/find?reference=${encodeURIComponent(typed)}`);
      expect(found.status).toBe(303);
      expect(found.headers.location).toBe('/cases/DMM-2026-00042');
    }
  });

  it('shows the search again with the error when the reference is empty or malformed', async () => {
    const empty = await staff.get('/find?reference=%20');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<a href="#reference">Enter a case reference</a>');
    const malformed = await staff.get(
      `/find?reference=${encodeURIComponent('<script>alert(1)</script>')}`,
    );
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain(
      '<a href="#reference">Enter a case reference like DMM-2026-00042</a>',
    );
    expect(malformed.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(malformed.text).not.toContain('<script>alert(1)');
    expect((await staff.get('/find?reference=MAC-2026-00042')).status).toBe(400);
  });

  it('is for people signed in', async () => {
    const visitor = await t.http.get('/find?reference=DMM-2026-00042');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/sign-in\?returnTo=/);
  });
});
