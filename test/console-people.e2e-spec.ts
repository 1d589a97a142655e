import { StaffDirectory } from '../apps/api/src/people/staff-directory';
import { addPeople, consoleBrowser, signInToConsole } from './support/console';
import { person, startTestApp, type TestApp } from './support/test-app';

const admin = person('ada', 'admin');

describe('the people page: an administrator adds people, gives roles, makes password links, deactivates', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    await addPeople(t, admin);
  });
  afterEach(() => t.close());

  it('adds a member of staff, whose password link lets them choose a password once and sign in', async () => {
    const ada = await signInToConsole(t, admin);
    const added = await ada.post('/people', {
      name: 'Sam Tutor',
      email: 'Sam.Tutor@college.example',
      roles: 'staff',
    });
    expect(added.status).toBe(303);
    const page = await ada.get(added.headers.location);
    expect(page.text).toContain('Sam Tutor');
    const withLink = await ada.post(`${added.headers.location.split('?')[0]}/reset-link`);
    const link = /<code id="reset-link">([^<]+)<\/code>/.exec(withLink.text)![1];
    const path = new URL(link).pathname;

    const sam = consoleBrowser(t);
    const weak = await sam.submit(path, path, { password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('Use at least 12 characters');
    const set = await sam.submit(path, path, { password: 'lantern biscuit harbour' });
    expect(set.headers.location).toBe('/sign-in?passwordSet=1');
    const again = await sam.submit(path, path, { password: 'another long passphrase' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('This link has been used or is out of date');
    const signedIn = await sam.submit('/sign-in', '/sign-in', {
      email: 'sam.tutor@college.example',
      password: 'lantern biscuit harbour',
    });
    expect(signedIn.status).toBe(303);
    expect((await sam.get('/account')).text).toContain('Sam Tutor');
  });

  it('records who gave whom which role, and shows field errors for a bad person', async () => {
    const ada = await signInToConsole(t, admin);
    const bad = await ada.post('/people', { name: '', email: 'not-an-address', roles: [] });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('There is a problem');
    await ada.post('/people', {
      name: 'Olu Manager',
      email: 'olu@college.example',
      roles: ['staff', 'operations-manager'],
    });
    const olu = await t.app.get(StaffDirectory).findByEmail('olu@college.example');
    expect(olu?.roles).toEqual(['staff', 'operations-manager']);
    await ada.post(`/people/${olu!.id}/roles`, { roles: ['senior-manager'] });
    const history = await t.app.get(StaffDirectory).findById(olu!.id);
    expect(history?.roles).toEqual(['senior-manager']);
  });

  it('deactivating someone ends their open session at once', async () => {
    const ada = await signInToConsole(t, admin);
    const sam = await signInToConsole(t, person('sam', 'staff'));
    expect((await sam.get('/account')).status).toBe(200);
    await ada.post('/people/sam/deactivate');
    expect((await sam.get('/account')).status).toBe(303);
  });

  it('is for administrators only', async () => {
    const sam = await signInToConsole(t, person('sam', 'staff'));
    expect((await sam.get('/people')).status).toBe(403);
    expect(
      (await sam.post('/people', { name: 'X', email: 'x@college.example', roles: 'admin' })).status,
    ).toBe(403);
  });
});

describe('personal API tokens from the account page', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  it('shows a new token once, which then works on the API as its person until revoked', async () => {
    const olu = await signInToConsole(t, person('olu', 'operations-manager'));
    const made = await olu.post('/account/tokens', {
      name: 'timetabling system',
      expiresInDays: '30',
    });
    expect(made.status).toBe(200);
    const token = /<code id="new-token">(clf_[^<]+)<\/code>/.exec(made.text)![1];
    expect((await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${token}`)).status).toBe(
      200,
    );
    const page = await olu.get('/account');
    expect(page.text).toContain('timetabling system');
    expect(page.text).not.toContain(token);
    const id = /action="\/account\/tokens\/([^/]+)\/revoke"/.exec(page.text)![1];
    expect((await olu.post(`/account/tokens/${id}/revoke`)).headers.location).toBe(
      '/account?revoked=1',
    );
    expect((await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${token}`)).status).toBe(
      401,
    );
  });

  it('asks what will use a token', async () => {
    const olu = await signInToConsole(t, person('olu', 'operations-manager'));
    const refused = await olu.post('/account/tokens', { name: '', expiresInDays: '30' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Name the token after what will use it');
  });
});
