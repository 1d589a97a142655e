import { MailOutbox } from '../apps/api/src/correspondence/mail-outbox.service';
import { signInToConsole } from './support/console';
import { caseWithEmailedLetter } from './support/letters';
import { startMailServer, type MailServer } from './support/mail-server';
import { person, startTestApp, type TestApp } from './support/test-app';
import { readModelsCaughtUp } from './support/read-models';

const ann = person('ann', 'staff');
const olu = person('olu', 'operations-manager');
const ada = person('ada', 'admin');

const caseWithLetter = (t: TestApp) =>
  caseWithEmailedLetter(t, ann, olu, { body: 'Dear Ada, a secret.' });

describe('the outbox without a mail server', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  it('shows an administrator the e-mails waiting, by case reference and letter id, never what they say', async () => {
    const { reference, letterId } = await caseWithLetter(t);
    const admin = await signInToConsole(t, ada);
    expect((await admin.get('/admin')).text).toContain('href="/admin/outbox"');
    const page = await admin.get('/admin/outbox');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No mail server is set (CLF_SMTP_URL), so e-mails wait here.');
    expect(page.text).toMatch(/id="outbox-waiting">1 e-mail</);
    expect(page.text).toMatch(/id="outbox-failed">0 e-mails</);
    expect(page.text).toContain(reference);
    expect(page.text).toContain(letterId);
    expect(page.text).not.toContain('a secret');
    expect(page.text).not.toContain('ada@example.org');
  });

  it('is for administrators only, and raises no dashboard alert: waiting is expected without a server', async () => {
    await caseWithLetter(t);
    const manager = await signInToConsole(t, olu);
    expect((await manager.get('/admin/outbox')).status).toBe(403);
    expect((await manager.get('/dashboard')).text).not.toContain(
      'E-mails to complainants not sent',
    );
  });
});

describe('the outbox with a mail server that refuses', () => {
  let t: TestApp;
  let mail: MailServer;
  beforeEach(async () => {
    mail = await startMailServer({ refuse: Infinity, code: 550 });
    t = await startTestApp({
      now: '2026-12-07T09:00:00Z',
      env: { CLF_SMTP_URL: mail.url, CLF_MAIL_FROM: 'complaints@dmm.example' },
    });
  });
  afterEach(async () => {
    await t.close();
    await mail.close();
  });

  it('alerts on the dashboard when an e-mail failed, naming the case only to those who see every case', async () => {
    const { reference, letterId } = await caseWithLetter(t);
    await t.app.get(MailOutbox).dispatcher!.caughtUp();
    await readModelsCaughtUp(t.app);
    const manager = await (await signInToConsole(t, olu)).get('/dashboard');
    expect(manager.text).toContain('1 e-mail to complainants failed.');
    expect(manager.text).toContain(
      `href="/cases/${reference}/letters">${reference}: e-mail failed`,
    );
    const staff = await (await signInToConsole(t, ann)).get('/dashboard');
    expect(staff.text).toContain('1 e-mail to complainants failed.');
    expect(staff.text).not.toContain(`${reference}: e-mail failed`);
    const outbox = await (await signInToConsole(t, ada)).get('/admin/outbox');
    expect(outbox.text).toMatch(/id="outbox-failed">1 e-mail</);
    expect(outbox.text).toMatch(/id="outbox-waiting">0 e-mails</);
    expect(outbox.text).toContain(letterId);
  });
});
