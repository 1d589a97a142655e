/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import type { Role } from '#domain';
import {
  axeViolations,
  launchChromium,
  listen,
  screenshotForDocs,
  signedInContext,
} from '../support/browser';
import { commandsAt } from '../support/commands-at';
import { complaint, person, startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(90_000);

const staff = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');

const REPORT_PAGES = [
  { path: '/reports', heading: 'Reports' },
  {
    path: '/reports/monthly?from=2026-10&to=2026-11',
    heading: 'Monthly report, 2026-10 to 2026-11',
  },
  { path: '/reports/annual?year=2026', heading: 'Annual report of formal complaints, 2026' },
  { path: '/reports/themes?from=2026-10&to=2026-11', heading: 'Themes, 2026-10 to 2026-11' },
  { path: '/reports/themes/cases?category=fees&month=2026-11', heading: 'fees' },
  {
    path: '/reports/learning?from=2026-10&to=2026-11',
    heading: 'Learning points, 2026-10 to 2026-11',
  },
];

describe('the report pages in Chromium', () => {
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp({ now: '2026-11-02T09:00:00Z' });
    const commands = commandsAt(t);
    const { post } = commands;
    const a = await post(
      '2026-10-05T09:00:00Z',
      staff,
      '/cases',
      complaint({ categories: ['fees'] }),
    );
    await post('2026-10-06T09:00:00Z', staff, `/cases/${a.id}/acknowledge`, {});
    const b = await post(
      '2026-11-10T09:00:00Z',
      staff,
      '/cases',
      complaint({ formality: 'formal', channel: 'email', categories: ['fees', 'mentoring'] }),
    );
    await post('2026-11-20T09:00:00Z', ops, `/cases/${b.id}/respond`, {
      summary: 'Refunded',
      outcome: 'upheld',
      learning: 'Fees are now explained in writing before enrolment',
    });
    t.clock.set('2026-12-01T10:00:00Z');
    const caughtUp = await t.http.get('/api/v1/reports/themes').set(await commands.readAs(ops));
    expect(caughtUp.status).toBe(200);
    baseUrl = await listen(t);
  });
  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  it.each<Role>(['quality', 'senior-manager', 'auditor'])(
    'shows %s every report page with no accessibility violations',
    async (role) => {
      const context = await signedInContext(browser, t, baseUrl, person(`u-${role}`, role));
      const page = await context.newPage();
      for (const { path, heading } of REPORT_PAGES) {
        const response = await page.goto(path);
        expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
        await expect(
          page.getByRole('heading', { level: 1, name: heading }).isVisible(),
        ).resolves.toBe(true);
        expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
      }
      await context.close();
    },
  );

  it('prints a report as its title, when it was produced and its tables, without the navigation or the links', async () => {
    const context = await signedInContext(browser, t, baseUrl, person('u-quinn', 'quality'));
    const page = await context.newPage();
    await page.goto('/reports/annual?year=2026');
    await screenshotForDocs(page, 'annual-report');
    const button = page.getByRole('button', { name: 'Print or save as PDF' });
    await expect(button.isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((node) => getComputedStyle(node).display !== 'none');
    await expect(shown('.govuk-service-navigation')).resolves.toBe(false);
    await expect(shown('.clf-header')).resolves.toBe(false);
    await expect(shown('.clf-report-tools')).resolves.toBe(false);
    await expect(shown('h1')).resolves.toBe(true);
    await expect(page.getByText('produced Tue 1 Dec 2026, 10:00am').isVisible()).resolves.toBe(
      true,
    );
    const unsplit = await page
      .locator('.govuk-table__row')
      .first()
      .evaluate((row) => getComputedStyle(row).breakInside);
    expect(unsplit).toBe('avoid');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });

  it.each<Role>(['staff', 'admin'])(
    'shows %s the not-allowed page, with no accessibility violations',
    async (role) => {
      const context = await signedInContext(browser, t, baseUrl, person(`u-${role}`, role));
      const page = await context.newPage();
      for (const { path } of REPORT_PAGES) {
        const response = await page.goto(path);
        expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
        await expect(
          page.getByRole('heading', { level: 1, name: 'You cannot do that' }).isVisible(),
        ).resolves.toBe(true);
      }
      expect(await axeViolations(page)).toEqual([]);
      await expect(page.getByRole('link', { name: 'Reports' }).count()).resolves.toBe(0);
      await context.close();
    },
  );
});
