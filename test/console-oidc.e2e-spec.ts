import request from 'supertest';
import { addPeople, deactivate } from './support/console';
import { SESSION_COOKIE } from './support/console';
import {
  startOidcProvider,
  unusedLoopbackPort,
  type TestOidcProvider,
} from './support/oidc-provider';
import { startTestApp, type TestApp } from './support/test-app';

const PUBLIC_URL = 'http://console.test';
const CALLBACK = `${PUBLIC_URL}/sign-in/oidc/callback`;

const ann = {
  id: 'ann',
  name: 'Ann Manager',
  email: 'Ann.Manager@college.example',
  roles: ['operations-manager' as const],
  active: true,
};

describe('signing in to the console with the organisation’s identity provider', () => {
  let provider: TestOidcProvider;
  let t: TestApp;

  beforeAll(async () => (provider = await startOidcProvider(CALLBACK)));
  afterAll(() => provider.close());

  beforeEach(async () => {
    t = await startTestApp({
      now: '2026-12-07T09:00:00Z',
      env: {
        CLF_PUBLIC_URL: PUBLIC_URL,
        CLF_OIDC_ISSUER: provider.issuer,
        CLF_OIDC_CLIENT_ID: provider.clientId,
        CLF_OIDC_CLIENT_SECRET: provider.clientSecret,
        CLF_OIDC_NAME: 'Microsoft',
      },
    });
    await addPeople(t, ann);
  });
  afterEach(() => t.close());

  /** A browser on the console: it keeps the console's cookies as a browser does. */
  const browser = () => request.agent(t.app.getHttpServer());

  /** Begins a sign-in at the console and signs in at the provider: where it sends the browser back to. */
  async function throughProvider(
    console: ReturnType<typeof browser>,
    login: string,
    returnTo?: string,
  ): Promise<URL> {
    const start = await console
      .get('/sign-in/oidc')
      .query(returnTo === undefined ? {} : { returnTo });
    expect(start.status).toBe(303);
    const back = await provider.signIn(start.headers.location, login);
    expect(back.href.startsWith(CALLBACK)).toBe(true);
    return back;
  }

  /** Goes from the console to the provider and back, signing in there as `login`. */
  async function signInAt(
    console: ReturnType<typeof browser>,
    login: string,
    returnTo?: string,
  ): Promise<request.Response> {
    const back = await throughProvider(console, login, returnTo);
    return console.get(back.pathname + back.search);
  }

  /** Whoever signs in at the provider as `login` gets a page saying `words` (403), and no session. */
  async function expectRefused(login: string, ...words: string[]) {
    const console = browser();
    const refused = await signInAt(console, login);
    expect(refused.status).toBe(403);
    for (const text of words) expect(refused.text).toContain(text);
    expect(String(refused.headers['set-cookie'] ?? '')).not.toMatch(/clf-session=[^;]/);
    expect((await console.get('/account')).status).toBe(303);
  }

  it('offers the provider’s button beside the password form', async () => {
    const page = await t.http.get('/sign-in?returnTo=%2Faccount');
    expect(page.text).toMatch(
      /href="\/sign-in\/oidc\?returnTo=%2Faccount"[^>]*>\s*Sign in with Microsoft/,
    );
    expect(page.text).toMatch(/Sign in\s*<\/button>/);
  });

  it('signs in someone in the staff directory, matched by verified e-mail in any letter case', async () => {
    provider.addAccount({
      login: 'ann-at-idp',
      email: 'ann.manager@College.Example',
      emailVerified: true,
    });
    const console = browser();
    const landed = await signInAt(console, 'ann-at-idp');
    expect(landed.status).toBe(303);
    expect(landed.headers.location).toBe('/');
    const account = await console.get('/account');
    expect(account.status).toBe(200);
    expect(account.text).toContain('Ann Manager');
    expect(account.text).toContain('Ann.Manager@college.example');
  });

  it('goes back to the page asked for, and never to another site', async () => {
    provider.addAccount({ login: 'ann-at-idp', email: ann.email, emailVerified: true });
    const here = await signInAt(browser(), 'ann-at-idp', '/account?tab=roles');
    expect(here.headers.location).toBe('/account?tab=roles');
    const elsewhere = await signInAt(browser(), 'ann-at-idp', '//evil.example/steal');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.location).toBe('/');
  });

  it('starts a new session at sign-in: a session planted before is worth nothing', async () => {
    provider.addAccount({ login: 'ann-at-idp', email: ann.email, emailVerified: true });
    const console = browser();
    const visitor = await console.get('/sign-in');
    const planted = /clf-session=([^;]+)/.exec(visitor.headers['set-cookie'][0])![1];
    await signInAt(console, 'ann-at-idp');
    const withPlanted = await t.http.get('/account').set('Cookie', `${SESSION_COOKIE}=${planted}`);
    expect(withPlanted.status).toBe(303);
    expect((await console.get('/account')).status).toBe(200);
  });

  it('tells someone not in the directory who to ask, and signs nobody in', async () => {
    provider.addAccount({ login: 'bob', email: 'bob@college.example', emailVerified: true });
    await expectRefused(
      'bob',
      'You are not set up to use this console',
      'Ask an administrator to add bob@college.example.',
    );
  });

  it('refuses someone the directory has deactivated', async () => {
    await deactivate(t, ann);
    provider.addAccount({ login: 'ann-at-idp', email: ann.email, emailVerified: true });
    await expectRefused('ann-at-idp', 'You are not set up to use this console');
  });

  it('refuses an e-mail address the provider has not verified, or has not shared', async () => {
    provider.addAccount({ login: 'unverified', email: ann.email, emailVerified: false });
    provider.addAccount({ login: 'no-email' });
    await expectRefused('unverified', 'Your email address is not confirmed');
    await expectRefused('no-email', 'did not tell the console your email address');
  });

  it('refuses an answer whose state was changed, and one that did not start in this browser', async () => {
    provider.addAccount({ login: 'ann-at-idp', email: ann.email, emailVerified: true });
    const console = browser();
    const back = await throughProvider(console, 'ann-at-idp');
    back.searchParams.set('state', 'a-state-the-console-never-sent');
    const tampered = await console.get(back.pathname + back.search);
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain('The sign-in could not be completed');
    expect((await console.get('/account')).status).toBe(303);

    const victim = browser();
    const attackers = await throughProvider(browser(), 'ann-at-idp');
    const planted = await victim.get(attackers.pathname + attackers.search);
    expect(planted.status).toBe(400);
    expect((await victim.get('/account')).status).toBe(303);
  });

  it('refuses a sign-in begun too long ago', async () => {
    provider.addAccount({ login: 'ann-at-idp', email: ann.email, emailVerified: true });
    const console = browser();
    const back = await throughProvider(console, 'ann-at-idp');
    t.clock.set('2026-12-07T09:10:01Z');
    const late = await console.get(back.pathname + back.search);
    expect(late.status).toBe(400);
    expect((await console.get('/account')).status).toBe(303);
  });
});

describe('the console when its identity provider cannot be reached, or is not configured', () => {
  it('shows the 503 page when the provider stops answering in the middle of a sign-in', async () => {
    const provider = await startOidcProvider(CALLBACK);
    provider.addAccount({ login: 'ann-at-idp', email: ann.email, emailVerified: true });
    const t = await startTestApp({
      env: {
        CLF_PUBLIC_URL: PUBLIC_URL,
        CLF_OIDC_ISSUER: provider.issuer,
        CLF_OIDC_CLIENT_ID: provider.clientId,
        CLF_OIDC_CLIENT_SECRET: provider.clientSecret,
      },
    });
    try {
      await addPeople(t, ann);
      const console = request.agent(t.app.getHttpServer());
      const start = await console.get('/sign-in/oidc');
      const back = await provider.signIn(start.headers.location, 'ann-at-idp');
      await provider.close();
      const page = await console.get(back.pathname + back.search);
      expect(page.status).toBe(503);
      expect(page.text).toContain('cannot reach your organisation’s sign-in service');
      expect((await console.get('/account')).status).toBe(303);
    } finally {
      await t.close();
    }
  });

  it('shows a page saying to try again shortly (503), not an error', async () => {
    const t = await startTestApp({
      env: {
        CLF_PUBLIC_URL: PUBLIC_URL,
        CLF_OIDC_ISSUER: `http://127.0.0.1:${await unusedLoopbackPort()}`,
        CLF_OIDC_CLIENT_ID: 'clf-console',
        CLF_OIDC_CLIENT_SECRET: 'a-secret',
      },
    });
    try {
      await addPeople(t);
      const page = await t.http.get('/sign-in/oidc');
      expect(page.status).toBe(503);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('Try again shortly');
      expect(page.text).toContain('cannot reach your organisation’s sign-in service');
      const signIn = await t.http.get('/sign-in');
      expect(signIn.text).toContain('Sign in with your organisation&#39;s account');
    } finally {
      await t.close();
    }
  });

  it('has no provider’s sign-in without one configured, and no button for it', async () => {
    const t = await startTestApp();
    try {
      expect((await t.http.get('/sign-in/oidc')).status).toBe(404);
      expect((await t.http.get('/sign-in/oidc/callback?code=x&state=y')).status).toBe(404);
      expect((await t.http.get('/sign-in')).text).not.toContain('/sign-in/oidc');
    } finally {
      await t.close();
    }
  });
});
