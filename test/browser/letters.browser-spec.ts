/// <reference lib="dom" />
import {
  axeViolations,
  chromiumAndApp,
  screenshotForDocs,
  signedInContext,
} from '../support/browser';
import { complaint, person } from '../support/test-app';

jest.setTimeout(60_000);

const staff = person('ann', 'staff');
const manager = person('olu', 'operations-manager');

describe('letters to the complainant in Chromium', () => {
  const suite = chromiumAndApp({ now: '2026-12-07T09:00:00Z' });

  it('drafts, previews and sends a letter, then lists it, with no accessibility violations', async () => {
    const { t, browser, baseUrl } = suite;
    const id = await t.recordCase(
      staff,
      complaint({
        channel: 'email',
        complainant: { name: 'Ada Learner', role: 'learner', email: 'ada@example.org' },
      }),
    );
    const { body } = await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(manager));
    const page = await (await signedInContext(browser, t, baseUrl, manager)).newPage();

    await page.goto(`/cases/${body.reference}/letters`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Write to the complainant' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Write to the complainant',
    );
    expect(await page.getByLabel('Letter', { exact: true }).inputValue()).toContain(
      'Dear Ada Learner,',
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Post').check();
    await page.getByRole('button', { name: 'Preview' }).click();
    expect(await page.locator('#preview').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'letter-write');

    await page.getByRole('button', { name: 'Send the letter' }).click();
    expect(await page.getByText('The letter was sent.').isVisible()).toBe(true);
    expect(await page.getByText('waiting to be sent').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'letters');
    await page.context().close();
  });
});
