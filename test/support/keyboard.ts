/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/** Presses Tab until the focus is on what the selector names: how a keyboard user gets there. */
export async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Follows the link to an action from the case page, and waits for its form. */
export async function openAction(page: Page, path: string) {
  await tabTo(page, `a[href$="/${path}"]`);
  await Promise.all([page.waitForURL(`**/${path}`), page.keyboard.press('Enter')]);
}

/** Sends the action's form from its button, and waits for the page that follows. */
export async function send(page: Page) {
  await tabTo(page, '#action-form button');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

/** What is typed into a form: text into the input the selector names, or a key pressed there. */
export type Keystrokes = Array<[selector: string, typed: string | { press: string }]>;

export async function typeInto(page: Page, keystrokes: Keystrokes) {
  for (const [selector, typed] of keystrokes) {
    await tabTo(page, selector);
    if (typeof typed === 'string') await page.keyboard.type(typed);
    else await page.keyboard.press(typed.press);
  }
}

/** From the case page: opens an action, fills its form in and sends it; gives the banner. */
export async function act(page: Page, path: string, keystrokes: Keystrokes) {
  await openAction(page, path);
  await typeInto(page, keystrokes);
  await send(page);
  return page.locator('.govuk-notification-banner').textContent();
}
