/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { MailOutbox } from '../../apps/api/src/correspondence/mail-outbox.service';
import {
  axeViolations,
  chromiumAndApp,
  launchChromium,
  listen,
  signedInContext,
} from '../support/browser';
import { caseWithEmailedLetter } from '../support/letters';
import { startMailServer, type MailServer } from '../support/mail-server';
import { complaint, person, startTestApp, type TestApp } from '../support/test-app';
import { readModelsCaughtUp } from '../support/read-models';
import { loseCaseKey } from '../support/tampering';

jest.setTimeout(60_000);

const ann = person('ann', 'staff');
const olu = person('olu', 'operations-manager');

/** As a manager: opens the dashboard, finds the alert by its heading, checks axe, and follows a case's link in it. */
async function followAlert(
  { browser, t, baseUrl }: { browser: Browser; t: TestApp; baseUrl: string },
  alert: { heading: string; link: string; leadsTo: string },
) {
  const context = await signedInContext(browser, t, baseUrl, olu);
  try {
    const page = await context.newPage();
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { name: alert.heading }).isVisible()).resolves.toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: alert.link }).click();
    await page.waitForURL(alert.leadsTo);
  } finally {
    await context.close();
  }
}

describe('the dashboard in Chromium', () => {
  const suite = chromiumAndApp({ now: '2026-12-07T09:00:00Z' });

  it('draws its charts with no script or inline style blocked, passes axe, and leads from a figure to its cases', async () => {
    const { browser, t, baseUrl } = suite;
    await t.recordCase(
      ann,
      complaint({ summary: 'Waiting since November', receivedAt: '2026-11-20T10:00:00Z' }),
    );
    const answered = await t.recordCase(
      ann,
      complaint({ summary: 'Answered quickly', receivedAt: '2026-12-01T10:00:00Z' }),
    );
    const headers = await t.auth(olu);
    await t.http
      .post(`/api/v1/cases/${answered}/acknowledge`)
      .set(headers)
      .send({ at: '2026-12-01T11:00:00Z' });
    await t.http
      .post(`/api/v1/cases/${answered}/respond`)
      .set(headers)
      .send({ at: '2026-12-03T11:00:00Z', summary: 'Sessions rebooked', outcome: 'upheld' });
    const context = await signedInContext(browser, t, baseUrl, olu);
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto('/dashboard');
    await expect(
      page.getByRole('heading', { name: 'Dashboard', level: 1 }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      page.getByRole('img', { name: 'Open complaints by stage' }).isVisible(),
    ).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(blocked).toEqual([]);
    await page
      .getByRole('link', { name: /Overdue/ })
      .first()
      .click();
    await expect(page.getByRole('link', { name: /^DMM-/ }).count()).resolves.toBe(1);
    await expect(page.getByText('Waiting since November').isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('alerts to a case whose personal data cannot be read for want of its key, passes axe, and leads to the case', async () => {
    const { t } = suite;
    const unreadable = await t.recordCase(ann, complaint({ summary: 'Key to be lost' }));
    const { reference } = (await t.http.get(`/api/v1/cases/${unreadable}`).set(await t.auth(olu)))
      .body as { reference: string };
    loseCaseKey(t.dataDir, unreadable);
    const audit = await t.http
      .post('/api/v1/admin/jobs/chain-audit/run')
      .set(await t.auth(person('ada', 'admin')));
    expect(audit.status).toBe(200);
    await followAlert(suite, {
      heading: 'Personal data that cannot be read',
      link: `${reference}: personal data cannot be read`,
      leadsTo: `**/cases/${reference}`,
    });
  });

  it('shows an administrator the not-allowed page, which passes axe', async () => {
    const { browser, t, baseUrl } = suite;
    const context = await signedInContext(browser, t, baseUrl, person('ada', 'admin'));
    const page = await context.newPage();
    const response = await page.goto('/dashboard');
    expect(response?.status()).toBe(403);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('the dashboard’s outbox alert in Chromium', () => {
  let mail: MailServer;
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    mail = await startMailServer({ refuse: Infinity, code: 550 });
    [browser, t] = await Promise.all([
      launchChromium(),
      startTestApp({
        now: '2026-12-07T09:00:00Z',
        env: { CLF_SMTP_URL: mail.url, CLF_MAIL_FROM: 'complaints@dmm.example' },
      }),
    ]);
    baseUrl = await listen(t);
  });
  afterAll(async () => {
    await t.close();
    await browser.close();
    await mail.close();
  });

  it('names the case whose e-mail failed, with a link to its letters, and passes axe', async () => {
    const { reference } = await caseWithEmailedLetter(t, ann, olu);
    await t.app.get(MailOutbox).dispatcher!.caughtUp();
    await readModelsCaughtUp(t.app);
    await followAlert(
      { browser, t, baseUrl },
      {
        heading: 'E-mails to complainants not sent',
        link: `${reference}: e-mail failed`,
        leadsTo: `**/cases/${reference}/letters`,
      },
    );
  });
});
