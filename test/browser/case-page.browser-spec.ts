/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { signInToConsole } from '../support/console';
import {
  axeViolations,
  launchChromium,
  listen,
  screenshotForDocs,
  signedInContext,
} from '../support/browser';
import { complaint, person, startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const staff = person('ann', 'staff');
const manager = person('olu', 'operations-manager');

/** Presses Tab until the focus is on what the selector names: how a keyboard user gets there. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Follows the link to an action from the case page, and waits for its form. */
async function openAction(page: Page, path: string) {
  await tabTo(page, `a[href$="/${path}"]`);
  await Promise.all([page.waitForURL(`**/${path}`), page.keyboard.press('Enter')]);
}

/** Sends the action's form from its button, and waits for the page that follows. */
async function send(page: Page) {
  await tabTo(page, '#action-form button');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

describe('the case page in Chromium, by keyboard', () => {
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

  it('lets a manager assign an owner, acknowledge, escalate and respond, with no accessibility violations', async () => {
    const id = await t.recordCase(
      staff,
      complaint({
        channel: 'email',
        summary: 'Parent e-mailed about missed sessions',
        complainant: { name: 'Kit Young', role: 'learner', under18: true },
      }),
    );
    const { body } = await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(staff));
    await signInToConsole(t, staff);
    const context = await signedInContext(browser, t, baseUrl, manager);
    const page = await context.newPage();
    await page.goto(`/cases/${body.reference}`);
    expect(await axeViolations(page)).toEqual([]);

    await openAction(page, 'assign');
    await tabTo(page, '#owner');
    await page.keyboard.type('Name of ann');
    await send(page);
    await expect(page.getByText('The owner was assigned.').isVisible()).resolves.toBe(true);

    await openAction(page, 'acknowledge');
    await tabTo(page, '#method');
    await page.keyboard.type('e-mail');
    await send(page);
    await expect(page.getByText('The case was acknowledged.').isVisible()).resolves.toBe(true);

    await openAction(page, 'escalate');
    await tabTo(page, '#reason');
    await page.keyboard.type('The parent asked for a formal investigation');
    await tabTo(page, '#inWriting');
    await page.keyboard.press('Space');
    await send(page);
    await expect(page.getByText('The complaint was escalated.').isVisible()).resolves.toBe(true);

    await openAction(page, 'respond');
    await send(page);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'case-action-errors');
    await tabTo(page, '#summary');
    await page.keyboard.type('We found the sessions were missed and have rearranged them');
    await tabTo(page, '#outcome');
    await page.keyboard.press('Space');
    await send(page);
    await expect(page.getByText('The response was recorded.').isVisible()).resolves.toBe(true);

    const timeline = await page.locator('.moj-timeline__title').allTextContents();
    expect(timeline.slice(0, 4)).toEqual([
      'Name of olu recorded the response at stage 2, upheld, sent to the complainant.',
      'Name of olu escalated the complaint to stage 2 (Formal written complaint).',
      'Name of olu acknowledged the case by e-mail at stage 1.',
      'Name of olu made Name of ann the owner.',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'case-page');
    await context.close();
  });
});
