/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Actor } from '#domain';
import { signInToConsole, SESSION_COOKIE } from './console';
import { startTestApp, type TestApp } from './test-app';

/** Debian's Chromium (`apt-get install -y chromium`): playwright cannot download its own here. */
export const CHROMIUM = process.env.CLF_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A browser suite's Chromium and test app (listening at `baseUrl`): started before its tests, closed after. */
export function chromiumAndApp(options: Parameters<typeof startTestApp>[0]) {
  const suite = {} as { browser: Browser; t: TestApp; baseUrl: string };
  beforeAll(async () => {
    [suite.browser, suite.t] = await Promise.all([launchChromium(), startTestApp(options)]);
    suite.baseUrl = await listen(suite.t);
  });
  afterAll(async () => {
    await suite.t.close();
    await suite.browser.close();
  });
  return suite;
}

/** Starts the test app listening on a loopback port and gives its address. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A browser context already signed in as the person (the sign-in journey has its own test). */
export async function signedInContext(
  browser: Browser,
  t: TestApp,
  baseUrl: string,
  actor: Actor,
): Promise<BrowserContext> {
  const visitor = await signInToConsole(t, actor);
  const context = await browser.newContext({ baseURL: baseUrl });
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: visitor.cookie.slice(SESSION_COOKIE.length + 1),
      url: baseUrl,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
  return context;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA, as the console promises. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and gives its violations. Injected through the DevTools
 * protocol rather than a script tag, so the page's Content-Security-Policy still holds.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target }) => ({ target })),
    }));
  }, WCAG_TAGS);
}

/** Where `CLF_SCREENSHOTS=1 npx jest test/browser` leaves the pictures docs/console.md shows. */
const SCREENSHOTS = join(__dirname, '../../docs/screenshots');

/** Keeps a picture of the page for the docs, when asked to (never in an ordinary test run). */
export async function screenshotForDocs(page: Page, name: string): Promise<void> {
  if (process.env.CLF_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
