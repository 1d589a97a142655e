import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AccountService } from '../apps/api/src/people/account.service';
import { StaffDirectory } from '../apps/api/src/people/staff-directory';
import { addPeople, consoleBrowser, deactivate, emailOf } from './support/console';
import { person, startTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'copper kettle marigold';

describe('first run, sign-in and sign-out with local accounts', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  it('leads the first visitor to create the first administrator with the setup code the server wrote for its own account only', async () => {
    const browser = consoleBrowser(t);
    expect((await browser.get('/account')).headers.location).toMatch(/^\/sign-in/);
    expect((await browser.get('/sign-in')).headers.location).toBe('/setup');
    const file = join(t.dataDir, 'setup-code');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const code = readFileSync(file, 'utf8').trim();
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);

    const wrong = await browser.submit('/setup', '/setup', {
      code: 'AAAA-AAAA-AAAA-AAAA',
      name: 'Ada Admin',
      email: 'ada@college.example',
      password: PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('That is not the setup code');
    const weak = await browser.submit('/setup', '/setup', {
      code,
      name: 'Ada Admin',
      email: 'ada@college.example',
      password: 'password1234',
    });
    expect(weak.text).toContain('one of the passwords people use most often');
    expect(await t.app.get(StaffDirectory).isEmpty()).toBe(true);

    const made = await browser.submit('/setup', '/setup', {
      code: code.toLowerCase(),
      name: 'Ada Admin',
      email: 'ada@college.example',
      password: PASSWORD,
    });
    expect(made.status).toBe(303);
    expect((await browser.get('/account')).text).toContain('ada@college.example');
    expect(() => statSync(file)).toThrow();
    expect((await browser.get('/setup')).headers.location).toBe('/sign-in');
  });

  it('signs a person in with their e-mail address in any letter case, in a new session (a planted session id is worthless)', async () => {
    const ann = person('ann', 'staff');
    await addPeople(t, ann);
    await t.app.get(AccountService).setPassword('ann', PASSWORD);
    const browser = consoleBrowser(t);
    await browser.get('/sign-in');
    const before = browser.cookie;
    const signedIn = await browser.submit('/sign-in', '/sign-in', {
      email: emailOf(ann).toUpperCase(),
      password: PASSWORD,
      returnTo: '/account',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/account');
    expect(browser.cookie).not.toBe(before);
    expect((await t.http.get('/account').set('Cookie', before)).status).toBe(303);
    expect((await browser.get('/account')).status).toBe(200);
  });

  it('gives one answer for an unknown address, a wrong password and a deactivated person', async () => {
    const ann = person('ann', 'staff');
    await addPeople(t, ann);
    await t.app.get(AccountService).setPassword('ann', PASSWORD);
    const browser = consoleBrowser(t);
    const answers = [
      await browser.submit('/sign-in', '/sign-in', {
        email: 'nobody@college.example',
        password: PASSWORD,
      }),
      await browser.submit('/sign-in', '/sign-in', {
        email: emailOf(ann),
        password: 'not the password',
      }),
    ];
    await deactivate(t, ann);
    answers.push(
      await browser.submit('/sign-in', '/sign-in', { email: emailOf(ann), password: PASSWORD }),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.text).toContain('Enter a correct email address and password');
    }
  });

  it('holds back an account after five wrong passwords, with a clear message, even for the right one', async () => {
    const ann = person('ann', 'staff');
    await addPeople(t, ann);
    await t.app.get(AccountService).setPassword('ann', PASSWORD);
    const browser = consoleBrowser(t);
    for (let i = 0; i < 5; i++)
      await browser.submit('/sign-in', '/sign-in', { email: emailOf(ann), password: `wrong ${i}` });
    const held = await browser.submit('/sign-in', '/sign-in', {
      email: emailOf(ann),
      password: PASSWORD,
    });
    expect(held.status).toBe(429);
    expect(held.text).toMatch(/Too many attempts to sign in. Wait 15 minutes/);
  });

  it('refuses a sign-in form that did not come from the console', async () => {
    await addPeople(t);
    const response = await t.http
      .post('/sign-in')
      .type('form')
      .send({ email: 'a@b.example', password: PASSWORD });
    expect(response.status).toBe(403);
  });
});
