/// <reference lib="dom" />
import { signInToConsole } from '../support/console';
import {
  axeViolations,
  chromiumAndApp,
  screenshotForDocs,
  signedInContext,
} from '../support/browser';
import { act, openAction, send, typeInto, type Keystrokes } from '../support/keyboard';
import { complaint, person } from '../support/test-app';

jest.setTimeout(60_000);

const staff = person('ann', 'staff');
const manager = person('olu', 'operations-manager');

describe('the case page in Chromium, by keyboard', () => {
  const suite = chromiumAndApp({ now: '2026-12-07T09:00:00Z' });

  it('lets a manager assign an owner, acknowledge, escalate and respond, with no accessibility violations', async () => {
    const id = await suite.t.recordCase(
      staff,
      complaint({
        channel: 'email',
        summary: 'Parent e-mailed about missed sessions',
        complainant: { name: 'Kit Young', role: 'learner', under18: true },
      }),
    );
    const { body } = await suite.t.http.get(`/api/v1/cases/${id}`).set(await suite.t.auth(staff));
    await signInToConsole(suite.t, staff);
    const context = await signedInContext(suite.browser, suite.t, suite.baseUrl, manager);
    const page = await context.newPage();
    await page.goto(`/cases/${body.reference}`);
    expect(await axeViolations(page)).toEqual([]);

    expect(await act(page, 'assign', [['#owner', 'Name of ann']])).toContain(
      'The owner was assigned.',
    );
    expect(await act(page, 'acknowledge', [['#method', 'e-mail']])).toContain(
      'The case was acknowledged.',
    );
    const escalation: Keystrokes = [
      ['#reason', 'The parent asked for a formal investigation'],
      ['#inWriting', { press: 'Space' }],
    ];
    expect(await act(page, 'escalate', escalation)).toContain('The complaint was escalated.');

    await openAction(page, 'extend-deadline');
    await typeInto(page, [['#by', { press: 'Space' }]]);
    expect(await axeViolations(page)).toEqual([]);
    await typeInto(page, [
      ['#addWorkingDays', '5'],
      ['#reason', 'Waiting for the mentor statement'],
    ]);
    await send(page);
    await expect(page.getByText('The deadline was extended.').isVisible()).resolves.toBe(true);

    await openAction(page, 'respond');
    await send(page);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'case-action-errors');
    await typeInto(page, [
      ['#summary', 'We found the sessions were missed and have rearranged them'],
      ['#outcome', { press: 'Space' }],
    ]);
    await send(page);
    await expect(page.getByText('The response was recorded.').isVisible()).resolves.toBe(true);

    const timeline = await page.locator('.moj-timeline__title').allTextContents();
    expect(timeline.slice(0, 5)).toEqual([
      'Name of olu recorded the response at stage 2, upheld, sent to the complainant.',
      'Name of olu extended the response deadline at stage 2 by 5 working days, to Wed 30 Dec 2026.',
      'Name of olu escalated the complaint to stage 2 (Formal written complaint).',
      'Name of olu acknowledged the case by e-mail at stage 1.',
      'Name of olu made Name of ann the owner.',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'case-page');
    await context.close();
  });
});
