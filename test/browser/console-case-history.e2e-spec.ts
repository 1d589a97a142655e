/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import {
  axeViolations,
  chromiumAndApp,
  screenshotForDocs,
  signedInContext,
} from '../support/browser';
import { typeInto } from '../support/keyboard';
import { forgeEvent } from '../support/tampering';
import {
  momentsQuery,
  typedMoment,
} from '../../apps/api/src/console/case-history/testing/typed-moment';
import { complaint, person } from '../support/test-app';
import type { Actor } from '#domain';

jest.setTimeout(60_000);

const staff = person('ann', 'staff');
const auditor = person('audrey', 'auditor');
const quality = person('quinn', 'quality');
const manager = person('olu', 'operations-manager');
const admin = person('adam', 'admin');

describe('the audit view in Chromium', () => {
  const suite = chromiumAndApp({ now: '2026-12-07T09:00:00Z' });

  /** A complaint recorded on Monday 7 December at 9am, with a note added at 2:30pm. */
  async function recordedCase(summary: string) {
    const { t } = suite;
    t.clock.set('2026-12-07T09:00:00Z');
    const id = await t.recordCase(staff, complaint({ summary }));
    t.clock.set('2026-12-07T14:30:00Z');
    await t.http
      .post(`/api/v1/cases/${id}/notes`)
      .set(await t.auth(staff))
      .send({ text: 'Called the employer' });
    const { body } = await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(staff));
    return { id, reference: body.reference as string };
  }

  async function pageFor(actor: Actor): Promise<Page> {
    return (await signedInContext(suite.browser, suite.t, suite.baseUrl, actor)).newPage();
  }

  it('shows auditors, quality and managers the history, the case then and what changed, with no accessibility violations', async () => {
    const { reference } = await recordedCase('Mentor missed two sessions');
    for (const actor of [auditor, quality, manager]) {
      const page = await pageFor(actor);
      await page.goto(`/cases/${reference}/history`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'The case’s history, as recorded',
      );
      expect(await page.locator('table.clf-history tbody tr').count()).toBe(2);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(
        `/cases/${reference}/history${momentsQuery(
          typedMoment('asOf', '7 12 2026', '10am'),
          typedMoment('from', '7 12 2026', '10am'),
          typedMoment('to', '7 12 2026', '3pm'),
        )}`,
      );
      expect(await page.getByText('as of revision 0').isVisible()).toBe(true);
      expect(await page.getByText('The events recorded in between').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('reads the moment typed by keyboard in the policy’s zone and shows the case as it was then', async () => {
    const { reference } = await recordedCase('Placement ended early');
    const page = await pageFor(auditor);
    await page.goto(`/cases/${reference}/history`);
    await typeInto(page, [
      ['#asOf-day', '7'],
      ['#asOf-month', '12'],
      ['#asOf-year', '2026'],
      ['#asOf-time', '2:29pm'],
      ['#as-of + form button', { press: 'Enter' }],
    ]);
    await page.waitForURL('**/history?**');
    expect(await page.getByText('On Mon 7 Dec 2026, 2:29pm, as of revision 0').isVisible()).toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'case-history-as-of');
    await page.context().close();
  });

  it('names the first broken revision of a tampered case in a red banner', async () => {
    const { id, reference } = await recordedCase('Assessment marked late');
    forgeEvent(suite.t.dataDir, id, 1);
    const page = await pageFor(auditor);
    await page.goto(`/cases/${reference}/history`);
    const banner = page.locator('.moj-alert--error');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain('The audit trail does not verify from revision 1');
    expect(await page.locator('#revision-1').textContent()).toContain('Does not verify');
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'case-history-tampered');
    await page.context().close();
  });

  it('gives staff who may not see the case, and an administrator, the page of a missing one', async () => {
    const { reference } = await recordedCase('Timetable clash');
    for (const actor of [person('bea', 'staff'), admin]) {
      const page = await pageFor(actor);
      const response = await page.goto(`/cases/${reference}/history`);
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { name: 'Page not found' }).isVisible()).toBe(true);
      expect(await page.content()).not.toContain('Timetable clash');
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
  });
});
