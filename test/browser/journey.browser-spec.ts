/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchChromium, listen, screenshotForDocs } from '../support/browser';
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

  let reference = '';

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
    await addPerson(
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
    await tick(sam, 'Formal');
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
  });
});
