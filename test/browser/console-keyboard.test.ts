import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoForeignRequests, flowRig, tabTo, type FlowRig } from '../helpers/flows.ts';
import { submitDeclaration } from '../helpers/requests.ts';

/** Controls a person can use, as the browser shows them: hidden and disabled ones left out. */
const MARK_CONTROLS = `(() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const shown = (element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !element.disabled;
  };
  // Tab stops once in a group of radio buttons, on the ticked one (or the first); arrows move within it.
  const radioStop = (element) => {
    if (element.type !== 'radio') return true;
    const group = [...document.getElementsByName(element.name)].filter((radio) => radio.form === element.form);
    return element === (group.find((radio) => radio.checked) ?? group[0]);
  };
  const controls = [...document.querySelectorAll(selector)].filter((element) => shown(element) && radioStop(element));
  controls.forEach((element, index) => element.setAttribute('data-control', String(index)));
  return controls.length;
})()`;

/** What the focused control is and whether the focus can be seen on it (an outline or a ring). */
const FOCUSED = `(() => {
  const element = document.activeElement;
  // Between the page's last control and its first, focus visits the browser itself.
  if (!element || element === document.body || !element.matches(':focus')) return null;
  const style = getComputedStyle(element);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  return { control: element.getAttribute('data-control'), ring, label: element.outerHTML.slice(0, 120) };
})()`;

/**
 * Alt and a letter as Chromium on Linux and Windows reads an access key: the key's character event
 * with Alt held, which Playwright's keyboard does not send for a modified key.
 */
async function pressAccessKey(page: Page, letter: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const key = { modifiers: 1, key: letter.toLowerCase(), code: `Key${letter}`, windowsVirtualKeyCode: letter.charCodeAt(0) };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'char', ...key, text: key.key, unmodifiedText: key.key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  await cdp.detach();
}

/**
 * The whole console from the keyboard: on every page of an admin's menu each control can be reached
 * with Tab and shows where the focus is; the moderation queue's access keys publish the selection.
 */
describe('the console with the keyboard alone', () => {
  let rig: FlowRig | null;
  before(async () => (rig = await flowRig()));
  after(() => rig?.close());
  afterEach(() => assertNoForeignRequests(rig));

  async function tabThrough(page: Page): Promise<void> {
    const total = (await page.evaluate(MARK_CONTROLS)) as number;
    const reached = new Set<string>();
    const path = new URL(page.url()).pathname;
    for (let presses = 0; presses < total * 2 + 10 && reached.size < total; presses++) {
      await page.keyboard.press('Tab');
      const focused = (await page.evaluate(FOCUSED)) as { control: string | null; ring: boolean; label: string } | null;
      if (!focused?.control) continue;
      assert.ok(focused.ring, `the focus can be seen on ${focused.label} (${path})`);
      reached.add(focused.control);
    }
    const missed = (await page.evaluate(
      `[...document.querySelectorAll('[data-control]')].filter((e) => !${JSON.stringify([...reached])}.includes(e.getAttribute('data-control'))).map((e) => e.outerHTML.slice(0, 120))`,
    )) as string[];
    assert.deepEqual(missed, [], `every control of ${path} is reached with Tab`);
  }

  test("every page of an admin's menu can be worked with Tab", async (t) => {
    if (!rig) return t.skip('Chromium is not installed');
    await submitDeclaration(rig.ctx, { names: '德明', orgs: ['party'], region: '河北' });
    const { page } = await rig.signIn('admin', { javaScript: true });
    const menu = await page
      .locator('header nav a[href^="/console"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
    assert.ok(menu.length >= 10, `an admin sees the whole menu: ${menu.join(' ')}`);
    for (const path of menu) {
      await page.goto(`${rig.url}${path}`);
      await tabThrough(page);
    }
  });

  for (const [key, decision, status] of [
    ['A', 'publishes', 'published'],
    ['R', 'rejects', 'rejected'],
  ] as const) {
    test(`Alt+${key} ${decision} what is ticked in the moderation queue`, async (t) => {
      if (!rig) return t.skip('Chromium is not installed');
      const { registrationNumber } = await submitDeclaration(rig.ctx, {
        names: `春${key === 'A' ? '华' : '雨'}`,
        orgs: ['league'],
        region: '河北',
      });
      const { page } = await rig.signIn('editor', { javaScript: true });
      await page.goto(`${rig.url}/console/moderation`);
      const box = `input[name=numbers][value="${registrationNumber}"]`;
      await tabTo(page, box);
      await page.keyboard.press('Space');
      await pressAccessKey(page, key);
      await page.waitForURL(/done=1/);
      const row = await rig.ctx.services.database.db
        .selectFrom('declarations')
        .select('status')
        .where('registration_number', '=', registrationNumber)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, status);
    });
  }
});
