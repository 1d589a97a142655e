/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { zipEntries } from '../../apps/api/src/subject-access/testing/zip-entries';
import {
  axeViolations,
  chromiumAndApp,
  screenshotForDocs,
  signedInContext,
} from '../support/browser';
import { complaint, person } from '../support/test-app';

jest.setTimeout(60_000);

const staff = person('ann', 'staff');
const officer = person('dana', 'data-protection');

describe('subject access in Chromium', () => {
  const suite = chromiumAndApp({ now: '2026-12-07T09:00:00Z' });

  it('finds a person’s cases and downloads them as one ZIP, with no accessibility violations', async () => {
    const { t, browser, baseUrl } = suite;
    const kit = { name: 'Kit Young', role: 'learner', phone: '+44 7700 900123' };
    await t.recordCase(staff, complaint({ complainant: kit }));
    await t.recordCase(
      staff,
      complaint({
        complainant: { name: 'Robin Young', role: 'learner' },
        representative: { name: 'Kit Young', relationship: 'sibling', phone: '07700900123' },
      }),
    );
    const context = await signedInContext(browser, t, baseUrl, officer);
    const page = await context.newPage();

    await page.goto('/');
    await page.getByRole('link', { name: 'Subject access' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Subject access');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Find' }).last().click();
    expect(
      await page.getByText('Give exactly one of email, phone or name').first().isVisible(),
    ).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Phone number').fill('07700 900123');
    await page.getByRole('button', { name: 'Find' }).last().click();
    expect(await page.getByRole('heading', { name: '2 cases found' }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: 'The representative' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'subject-access');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download everything (ZIP)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^subject-access-2026-12-07-[0-9a-f]{8}\.zip$/);
    const entries = await zipEntries(await readFile((await download.path())!));
    expect([...entries.keys()].sort()).toEqual([
      'cases/DMM-2026-00001/history.json',
      'cases/DMM-2026-00002/history.json',
      'summary.html',
    ]);
    await context.close();
  });
});
