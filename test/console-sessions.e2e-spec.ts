import { CONTENT_SECURITY_POLICY } from '../apps/api/src/console/console-app';
import { STORAGE, type Storage } from '../apps/api/src/storage/storage';
import { addPeople, deactivate, emailOf, signInToConsole, SESSION_COOKIE } from './support/console';
import { person, startTestApp, type TestApp } from './support/test-app';

describe('console sessions, forms and headers', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    await addPeople(t);
  });
  afterEach(() => t.close());

  it('sends a visitor who is not signed in to the sign-in page, remembering where they were going', async () => {
    const response = await t.http.get('/account?x=1');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in?returnTo=%2Faccount%3Fx%3D1');
  });

  it('shows the sign-in form with the labels people look for, and a session cookie for its token', async () => {
    const response = await t.http.get('/sign-in');
    expect(response.status).toBe(200);
    expect(response.text).toContain('<label class="govuk-label" for="email">');
    expect(response.text).toMatch(/Email address/);
    expect(response.text).toMatch(/Password/);
    expect(response.text).toMatch(/Sign in\s*<\/button>/);
    const cookie = response.headers['set-cookie'][0];
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('puts the Content-Security-Policy and no-store on every page, and not on the API', async () => {
    const page = await t.http.get('/sign-in');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const api = await t.http.get('/api/v1/cases');
    expect(api.headers['content-security-policy']).toBeUndefined();
  });

  it('serves the built stylesheet cached for a year, by the name the page links to', async () => {
    const page = await t.http.get('/sign-in');
    const stylesheet = /href="(\/assets\/console-[0-9a-f]{12}\.css)"/.exec(page.text)![1];
    const css = await t.http.get(stylesheet);
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('shows a signed-in person their own page', async () => {
    const ann = await signInToConsole(t, person('ann', 'staff'));
    const response = await ann.get('/account');
    expect(response.status).toBe(200);
    expect(response.text).toContain('Name of ann');
    expect(response.text).toContain(emailOf(person('ann', 'staff')));
  });

  it('refuses a form without its session’s token, and does nothing it asked', async () => {
    const ann = await signInToConsole(t, person('ann', 'staff'));
    const forged = await ann.post('/sign-out', {}, { csrf: false });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('This form has expired');
    expect((await ann.get('/account')).status).toBe(200);
    const wrong = await ann.post('/sign-out', { _csrf: 'x'.repeat(43) }, { csrf: false });
    expect(wrong.status).toBe(403);
    expect((await ann.get('/account')).status).toBe(200);
  });

  it('signs out: the session is gone from the server, not just the browser', async () => {
    const ann = await signInToConsole(t, person('ann', 'staff'));
    const out = await ann.post('/sign-out');
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/sign-in?signedOut=1');
    expect((await ann.get('/account')).status).toBe(303);
  });

  it('ends a session after 30 minutes unused, and says why at sign-in', async () => {
    const ann = await signInToConsole(t, person('ann', 'staff'));
    t.clock.set('2026-12-07T09:29:00Z');
    expect((await ann.get('/account')).status).toBe(200);
    t.clock.set('2026-12-07T09:59:30Z');
    const ended = await ann.get('/account');
    expect(ended.status).toBe(303);
    expect(ended.headers.location).toBe('/sign-in?returnTo=%2Faccount&ended=idle');
    const page = await t.http.get(ended.headers.location);
    expect(page.text).toContain('You were signed out because the console was not used for a while');
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    const ann = await signInToConsole(t, person('ann', 'staff'));
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.clock.set(new Date(Date.parse('2026-12-07T09:00:00Z') + minutes * 60_000).toISOString());
      expect((await ann.get('/account')).status).toBe(200);
    }
    t.clock.set('2026-12-07T21:00:00Z');
    expect((await ann.get('/account')).headers.location).toContain('ended=expired');
  });

  it('stops a deactivated person’s open session at their next request', async () => {
    const ann = await signInToConsole(t, person('ann', 'staff'));
    expect((await ann.get('/account')).status).toBe(200);
    await deactivate(t, person('ann', 'staff'));
    expect((await ann.get('/account')).status).toBe(303);
    expect(await t.app.get<Storage>(STORAGE).sessions.removeForPerson('ann')).toBe(0);
  });

  it('answers an unknown console address with a page, and an unknown API address with JSON', async () => {
    const ann = await signInToConsole(t, person('ann', 'staff'));
    const page = await ann.get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Page not found');
    const api = await t.http.get('/api/v1/no-such-thing');
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
