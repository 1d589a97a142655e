/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { axeViolations, launchChromium, listen, signedInContext } from '../support/browser';
import { person, startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

describe('the console in Chromium: sign-in page and account page', () => {
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => (browser = await launchChromium()));
  afterAll(() => browser.close());
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    baseUrl = await listen(t);
  });
  afterEach(() => t.close());

  it('shows the sign-in page styled, scripted, and with no accessibility violations', async () => {
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto('/sign-in');
    await expect(page.getByLabel('Email address').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Password', { exact: true }).isVisible()).resolves.toBe(true);
    await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'));
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).not.toContain('GDS Transport');
    expect(await axeViolations(page)).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('shows a signed-in person their account page, with no accessibility violations', async () => {
    const context = await signedInContext(browser, t, baseUrl, person('ann', 'staff'));
    const page = await context.newPage();
    await page.goto('/account');
    await expect(page.getByRole('heading', { name: 'Your account' }).isVisible()).resolves.toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
