/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchChromium, listen, screenshotForDocs } from '../support/browser';
import { act, tabTo, type Keystrokes } from '../support/keyboard';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const PASSWORDS = {
  ada: 'ada chooses a long passphrase',
  sam: 'sam chooses a long passphrase',
  olu: 'olu chooses a long passphrase',
  bea: 'bea chooses a long passphrase',
};

/** Keyboard only: focus a field by its label as Tab would reach it, and type. */
async function type(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Keyboard only: a radio or checkbox, chosen with the space bar. */
async function tick(page: Page, label: string) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Space');
}

/** Keyboard only: focus the button and press Enter, then wait for the page it leads to. */
async function press(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function expectAccessible(page: Page) {
  expect({ page: page.url(), violations: await axeViolations(page) }).toEqual({
    page: page.url(),
    violations: [],
  });
}

describe('a first run to a complaint worked through its stages, in Chromium, by keyboard', () => {
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    baseUrl = await listen(t);
  });
  afterAll(async () => {
    await t.close();
    await browser.close();
  });

  const visitor = async () => (await browser.newContext({ baseURL: baseUrl })).newPage();

  async function signIn(page: Page, email: string, password: string) {
    await page.goto('/sign-in');
    await type(page, 'Email address', email);
    await type(page, 'Password', password);
    await press(page, 'Sign in');
  }

  /** The administrator adds a person and gives them a password link; they choose a password with it. */
  async function addPerson(
    admin: Page,
    name: string,
    email: string,
    role: string,
    password: string,
  ) {
    await admin.goto('/people');
    await type(admin, 'Full name', name);
    await type(admin, 'Email address', email);
    // "Staff or lecturer" comes ticked; another role is ticked instead of it.
    if (role !== 'Staff or lecturer') {
      for (const name of [/^Staff or lecturer/, new RegExp(`^${role}`)]) {
        await admin.getByRole('checkbox', { name }).focus();
        await admin.keyboard.press('Space');
      }
    }
    await press(admin, 'Add person');
    await press(admin, 'Make a password link');
    const link = await admin.locator('#reset-link').textContent();
    const page = await visitor();
    await page.goto(new URL(link!).pathname); // the link names CLF_PUBLIC_URL; the test server listens elsewhere
    await type(page, 'New password', password);
    await press(page, 'Set password');
    await signIn(page, email, password);
    return page;
  }

  let reference = ''; // the complaint's, for the manager's steps
  let olu: Page;

  it('the first administrator sets up with the code from the log, and adds a member of staff and an operations manager', async () => {
    const admin = await visitor();
    await admin.goto('/');
    expect(new URL(admin.url()).pathname).toBe('/setup');
    await expectAccessible(admin);
    const code = readFileSync(join(t.dataDir, 'setup-code'), 'utf8').trim();
    await type(admin, 'Setup code', code);
    await type(admin, 'Your full name', 'Ada Admin');
    await type(admin, 'Email address', 'ada@college.example');
    await type(admin, 'Password', PASSWORDS.ada);
    await press(admin, 'Create administrator');
    expect(new URL(admin.url()).pathname).toBe('/people');
    await expectAccessible(admin);

    const sam = await addPerson(
      admin,
      'Sam Tutor',
      'sam@college.example',
      'Staff or lecturer',
      PASSWORDS.sam,
    );
    expect(await sam.getByRole('heading', { name: 'Worklist' }).isVisible()).toBe(true);
    olu = await addPerson(
      admin,
      'Olu Manager',
      'olu@college.example',
      'Operations manager',
      PASSWORDS.olu,
    );
    await addPerson(
      admin,
      'Bea Lecturer',
      'bea@college.example',
      'Staff or lecturer',
      PASSWORDS.bea,
    );
    await admin.goto('/people');
    await screenshotForDocs(admin, 'people');
    await expectAccessible(admin);
  });

  it('staff records an e-mailed complaint from a parent about a 16-year-old, and uploads the e-mail', async () => {
    const sam = await visitor();
    await signIn(sam, 'sam@college.example', PASSWORDS.sam);
    await sam.goto('/cases/new');
    await expectAccessible(sam);
    await tick(sam, 'Complaint');
    await sam.getByLabel('How did it come in?').focus();
    await sam.keyboard.type('Email');
    await type(sam, 'Summary', 'Work placement cancelled the day before it started');
    await type(
      sam,
      'Details (optional)',
      'Mrs Shah writes that her son’s placement was cancelled without notice.',
    );
    await type(sam, 'Their name', 'Priya Shah');
    await sam.getByLabel('Who they are').focus();
    await sam.keyboard.type('Parent');
    await type(sam, 'Their email address (optional)', 'priya.shah@example.com');
    await tick(sam, 'The learner concerned is under 18');
    await type(sam, 'Categories (optional)', 'placements');
    await screenshotForDocs(sam, 'record-feedback');
    await press(sam, 'Record feedback');
    expect(new URL(sam.url()).pathname).toMatch(/^\/cases\/DMM-/);
    reference = new URL(sam.url()).pathname.split('/')[2];
    expect(await sam.getByText(`Feedback recorded`).first().isVisible()).toBe(true);
    await expectAccessible(sam);
    await sam.getByLabel('Attach a document').setInputFiles({
      name: 'email-from-mrs-shah.eml',
      mimeType: 'message/rfc822',
      buffer: Buffer.from(
        "From: Priya Shah <priya.shah@example.com>\r\nTo: feedback@college.example\r\nSubject: Work placement\r\n\r\nMy son's placement was cancelled the day before it started.\r\n",
      ),
    });
    await tabTo(sam, 'form[enctype="multipart/form-data"] button');
    await Promise.all([sam.waitForEvent('load'), sam.keyboard.press('Enter')]);
    expect(await sam.getByRole('link', { name: 'email-from-mrs-shah.eml' }).isVisible()).toBe(true);
    await expectAccessible(sam);
  });

  it('the manager finds it under Unassigned, assigns an owner, acknowledges, escalates and responds', async () => {
    await olu.goto('/?tab=unassigned');
    await expectAccessible(olu);
    await screenshotForDocs(olu, 'worklist');
    await tabTo(olu, `a[href="/cases/${reference}"]`);
    await Promise.all([olu.waitForURL(`**/cases/${reference}`), olu.keyboard.press('Enter')]);
    expect(await act(olu, 'assign', [['#owner', 'Sam Tutor']])).toContain(
      'The owner was assigned.',
    );
    expect(await act(olu, 'acknowledge', [['#method', 'e-mail']])).toContain(
      'The case was acknowledged.',
    );
    const escalation: Keystrokes = [
      ['#reason', 'Mrs Shah asked for a formal investigation'],
      ['#inWriting', { press: 'Space' }],
    ];
    expect(await act(olu, 'escalate', escalation)).toContain('The complaint was escalated.');
    expect(
      await act(olu, 'respond', [
        ['#summary', 'The placement has been rearranged for next week'],
        ['#outcome', { press: 'Space' }],
      ]),
    ).toContain('The response was recorded.');
    await expectAccessible(olu);
  });

  it('the owner sees it under Mine; another member of staff reaches it neither by search nor by its address', async () => {
    const sam = await visitor();
    await signIn(sam, 'sam@college.example', PASSWORDS.sam);
    await sam.goto('/?tab=mine');
    expect(await sam.getByRole('link', { name: reference }).isVisible()).toBe(true);

    const bea = await visitor();
    await signIn(bea, 'bea@college.example', PASSWORDS.bea);
    await bea.goto('/?tab=open&q=placement');
    expect(await bea.getByRole('link', { name: reference }).count()).toBe(0);
    await type(bea, 'Find a case by reference', reference.toLowerCase());
    await press(bea, 'Find');
    expect(await bea.getByRole('heading', { name: 'Page not found' }).isVisible()).toBe(true);
    const direct = await bea.goto(`/cases/${reference}`);
    expect(direct?.status()).toBe(404);
    await expectAccessible(bea);
  });
});
