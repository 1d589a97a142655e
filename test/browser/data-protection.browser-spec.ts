/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { addPeople } from '../support/console';
import {
  axeViolations,
  chromiumAndApp,
  screenshotForDocs,
  signedInContext,
} from '../support/browser';
import { complaint, person } from '../support/test-app';

jest.setTimeout(60_000);

const dee = person('dee', 'data-protection');
const sam = person('sam', 'staff');
const olu = person('olu', 'operations-manager');

/** The page's main heading, having checked it has no accessibility violations. */
async function heading(page: Page): Promise<string> {
  expect([page.url(), await axeViolations(page)]).toEqual([page.url(), []]);
  return (await page.locator('h1').first().textContent())?.trim() ?? '';
}

describe('data protection in Chromium', () => {
  const suite = chromiumAndApp({ now: '2020-12-20T10:00:00Z' });
  beforeAll(() => addPeople(suite.t, dee, sam, olu));

  it('holds, lifts and erases from the case page, and lists what retention will erase, every page accessible', async () => {
    const { browser, t, baseUrl } = suite;
    const closed = await t.recordCase(sam, complaint());
    await t.http
      .post(`/api/v1/cases/${closed}/close`)
      .set(await t.auth(olu))
      .send({ reason: 'withdrawn' });
    t.clock.set('2026-12-07T09:00:00Z');
    const open = await t.recordCase(
      sam,
      complaint({ complainant: { name: 'Zebedee Quill', role: 'learner' } }),
    );
    const { body } = await t.http.get(`/api/v1/cases/${open}`).set(await t.auth(sam));
    const reference = (body as { reference: string }).reference;

    // Signed in after the clock moved on six years: a session does not last that long.
    const context = await signedInContext(browser, t, baseUrl, dee);
    const page = await context.newPage();
    await page.goto('/');
    expect(page.url()).toBe(`${baseUrl}/data-protection/retention`);
    expect(await heading(page)).toBe('Retention');
    expect(await page.locator('#due + table').textContent()).toContain('Mon 21 Dec 2026');
    await screenshotForDocs(page, 'retention');

    await page.goto(`/cases/${reference}`);
    expect(await heading(page)).toBe('Mentor missed two sessions');
    await page.getByRole('link', { name: 'Place legal hold' }).click();
    expect(await heading(page)).toBe('Place legal hold');
    await page.getByRole('button', { name: 'Place legal hold' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter why the case is held',
    );
    expect(await heading(page)).toBe('Place legal hold');
    await page.getByLabel('Why is it held?').fill('Employment tribunal claim');
    await page.getByRole('button', { name: 'Place legal hold' }).click();
    await page.waitForURL(`**/cases/${reference}?done=legal-hold`);
    expect(await page.locator('main').textContent()).toContain(
      'Under legal hold since Mon 7 Dec 2026, 9:00am: Employment tribunal claim',
    );
    expect(await heading(page)).toBe('Mentor missed two sessions');

    await page.getByRole('link', { name: 'Lift legal hold' }).click();
    await page.getByLabel('Why is the hold lifted?').fill('The claim was settled');
    await page.getByRole('button', { name: 'Lift legal hold' }).click();
    await page.waitForURL(`**/cases/${reference}?done=lift-legal-hold`);

    await page.getByRole('link', { name: 'Erase personal data' }).click();
    expect(await heading(page)).toBe('Erase personal data');
    await screenshotForDocs(page, 'erase-personal-data');
    await page.getByLabel('Why is it erased?').fill('The complainant asked for erasure');
    await page.getByRole('button', { name: 'Erase personal data' }).click();
    await page.waitForURL(`**/cases/${reference}?done=erase`);
    expect(await page.locator('main').textContent()).toContain(
      'Personal data erased on Mon 7 Dec 2026, 9:00am by Name of dee: The complainant asked for erasure',
    );
    expect(await heading(page)).toBe('[erased]');
    await screenshotForDocs(page, 'erased-case');
    await context.close();
  });
});
