/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import type { ReadSide } from '#read-models';
import { PROJECTIONS } from '../../apps/api/src/projections/projections.module';
import { addPeople } from '../support/console';
import {
  axeViolations,
  chromiumAndApp,
  screenshotForDocs,
  signedInContext,
} from '../support/browser';
import { caseWithEmailedLetter } from '../support/letters';
import { person } from '../support/test-app';

jest.setTimeout(60_000);

const ada = person('ada', 'admin');
const sam = person('sam', 'staff');
const olu = person('olu', 'operations-manager');

/** Opens the page and gives its main heading, having checked it has no accessibility violations. */
async function visit(page: Page, path: string): Promise<string> {
  const answer = await page.goto(path);
  expect([path, answer?.status()]).toEqual([path, expect.any(Number)]);
  expect([path, await axeViolations(page)]).toEqual([path, []]);
  return (await page.locator('h1').first().textContent())?.trim() ?? '';
}

describe('the administration pages in Chromium', () => {
  const suite = chromiumAndApp({ now: '2026-12-07T09:00:00Z' });
  let context: BrowserContext;
  beforeAll(() => addPeople(suite.t, ada, sam));
  beforeEach(
    async () => (context = await signedInContext(suite.browser, suite.t, suite.baseUrl, ada)),
  );
  afterEach(async () => {
    jest.restoreAllMocks();
    await context.close();
  });

  it('shows an administrator every page, each with no accessibility violations', async () => {
    await caseWithEmailedLetter(suite.t, sam, olu);
    const page = await context.newPage();
    expect(await visit(page, '/admin')).toBe('Administration');
    await page.getByRole('link', { name: 'Scheduled jobs' }).click();
    expect(await page.locator('h1').textContent()).toBe('Scheduled jobs');
    await page.getByRole('button', { name: /^Run now\W+Missed deadlines$/ }).click();
    await page.waitForURL('**/admin/jobs?ran=sla-sweep');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'The Missed deadlines job ran',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'admin-jobs');
    expect(await visit(page, '/admin/read-models')).toBe('Read models');
    expect(await visit(page, '/admin/read-models/rebuild')).toBe('Rebuild the read models?');
    expect(await visit(page, '/admin/outbox')).toBe('Outbox');
    expect(await page.locator('#outbox-waiting').textContent()).toBe('1 e-mail');
    await screenshotForDocs(page, 'admin-outbox');
    expect(await visit(page, '/admin/system')).toBe('System');
    await screenshotForDocs(page, 'admin-system');
    expect(await visit(page, '/people/sam')).toBe('Name of sam');
    await page.getByLabel('What will use the new token?').fill('exam board feed');
    await page.getByRole('button', { name: 'Make a token' }).click();
    await expect(page.locator('#new-token').textContent()).resolves.toMatch(/^clf_/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'admin-person');
  });

  it('shows a rebuild’s progress, which moves by itself with the script and by a reload link without', async () => {
    const projections = suite.t.app.get<ReadSide>(PROJECTIONS);
    const real = await projections.status();
    const status = jest
      .spyOn(projections, 'status')
      .mockResolvedValue(
        real.map((s) => ({ ...s, rebuilding: true, rebuildProgress: { handled: 250, of: 1000 } })),
      );
    const page = await context.newPage();
    expect(await visit(page, '/admin/read-models')).toBe('Read models');
    await expect(page.locator('#read-model-status').textContent()).resolves.toContain(
      '250 of 1000 events replayed (25%)',
    );
    await screenshotForDocs(page, 'admin-read-models-rebuilding');
    // The rebuild finishes: the region is fetched again and says so, without a reload.
    status.mockRestore();
    await page.waitForSelector('#read-model-status:not([data-clf-refreshing])');
    await expect(page.locator('#read-model-status').textContent()).resolves.toContain('Up to date');
    expect(await axeViolations(page)).toEqual([]);

    jest
      .spyOn(projections, 'status')
      .mockResolvedValue(
        real.map((s) => ({ ...s, rebuilding: true, rebuildProgress: { handled: 500, of: 1000 } })),
      );
    const withoutScript = await suite.browser.newContext({
      baseURL: suite.baseUrl,
      javaScriptEnabled: false,
    });
    await withoutScript.addCookies(await context.cookies());
    const plain = await withoutScript.newPage();
    await plain.goto('/admin/read-models');
    await expect(
      plain.getByRole('link', { name: 'Reload to see how far it has got' }).isVisible(),
    ).resolves.toBe(true);
    await withoutScript.close();
  });

  it('shows anyone else the “not allowed” page, with no accessibility violations', async () => {
    const staff = await signedInContext(suite.browser, suite.t, suite.baseUrl, sam);
    const page = await staff.newPage();
    for (const path of ['/admin', '/admin/read-models', '/admin/jobs', '/admin/system']) {
      const answer = await page.goto(path);
      expect([path, answer?.status()]).toEqual([path, 403]);
      expect(await page.locator('h1').textContent()).toContain('You cannot do that');
      expect(await axeViolations(page)).toEqual([]);
    }
    await staff.close();
  });
});
