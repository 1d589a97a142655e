import { AccountService } from '../apps/api/src/people/account.service';
import { signInToConsole } from './support/console';
import { person, startTestApp, type TestApp } from './support/test-app';

describe('the console: turning the daily digest off and on', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  it('keeps each person’s own choice with their account, and says so', async () => {
    const olive = await signInToConsole(t, person('u-olive', 'operations-manager'));
    const page = await olive.get('/account');
    expect(page.text).toContain('Send me the daily digest');
    expect(page.text).toMatch(/name="digest" type="checkbox" value="on" checked/);

    const off = await olive.post('/account/digest', {});
    expect(off.status).toBe(303);
    expect(off.headers.location).toBe('/account?digest=off');
    expect(await t.app.get(AccountService).wantsDigest('u-olive')).toBe(false);
    const after = await olive.get(off.headers.location);
    expect(after.text).toContain('You will no longer get the daily digest by e-mail.');
    expect(after.text).not.toMatch(/value="on" checked/);

    await olive.post('/account/digest', { digest: 'on' });
    expect(await t.app.get(AccountService).wantsDigest('u-olive')).toBe(true);
  });

  it('refuses the form without its session’s token', async () => {
    const olive = await signInToConsole(t, person('u-olive', 'operations-manager'));
    expect((await olive.post('/account/digest', {}, { csrf: false })).status).toBe(403);
    expect(await t.app.get(AccountService).wantsDigest('u-olive')).toBe(true);
  });
});
