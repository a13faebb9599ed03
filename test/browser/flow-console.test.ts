import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PASSWORD, totpCode } from '../helpers/console.ts';
import {
  JAVASCRIPT,
  LOCALES,
  SIZES,
  assertAccessible,
  flowRig,
  screenshot,
  tabTo,
  type FlowRig,
  assertNoForeignRequests,
} from '../helpers/flows.ts';
import { submitDeclaration } from '../helpers/requests.ts';

/**
 * The console as staff use it, with JavaScript on and off: signing in with an authenticator code,
 * entering a batch, approving in the moderation queue; and the queue worked with the keyboard alone.
 * With JavaScript on, each page is checked by axe-core and photographed (test-artifacts/screenshots/console/).
 */
describe('the console in Chromium', () => {
  let rig: FlowRig | null;
  before(async () => (rig = await flowRig()));
  after(() => rig?.close());
  afterEach(() => assertNoForeignRequests(rig));

  async function look(page: Page, judged: boolean, name: string) {
    if (!judged) return;
    await assertAccessible(page, name);
    await screenshot(page, 'console', name, 'zh-hans', 'phone');
    await page.setViewportSize(SIZES.desktop);
    await screenshot(page, 'console', name, 'zh-hans', 'desktop');
    await page.setViewportSize(SIZES.phone);
  }

  async function pendingDeclaration(names: string): Promise<string> {
    return (await submitDeclaration(rig!.ctx, { names, orgs: ['league'], region: '河北' })).registrationNumber;
  }

  async function statusOf(registrationNumber: string): Promise<string> {
    const row = await rig!.ctx.services.database.db
      .selectFrom('declarations')
      .select('status')
      .where('registration_number', '=', registrationNumber)
      .executeTakeFirstOrThrow();
    return row.status;
  }

  for (const javaScript of JAVASCRIPT) {
    describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
      test('signing in with a password and an authenticator code', async (t) => {
        if (!rig) return t.skip('Chromium is not installed');
        // Enrolled through the real pages (enrolment link, password, TOTP set-up), then signed out.
        const { page, email, secret } = await rig.signIn('volunteer', { javaScript });
        await look(page, javaScript, 'home');
        await page.locator('form[action="/console/sign-out"] button').click();

        await page.goto(`${rig.url}/console/sign-in`);
        await look(page, javaScript, 'sign-in');
        await page.locator('#email').fill(email);
        await page.locator('#password').fill(PASSWORD);
        await page.locator('#password').press('Enter');
        await page.locator('#code').fill('000000');
        await page.locator('#code').press('Enter');
        assert.ok((await page.locator('[role=alert]').first().textContent())?.trim(), 'a wrong code is announced');
        await look(page, javaScript, 'sign-in-code-refused');
        // The next step's code: the enrolment used this one, and a code is never accepted twice.
        await page.locator('#code').fill(totpCode(secret, 1));
        await page.locator('#code').press('Enter');
        assert.equal(new URL(page.url()).pathname, '/console');
      });

      test('batch entry', async (t) => {
        if (!rig) return t.skip('Chromium is not installed');
        const { page } = await rig.signIn('volunteer', { javaScript });
        await page.goto(`${rig.url}/console/batch`);
        await look(page, javaScript, 'batch');
        await page.locator('[name=channel]').selectOption('phone');
        // Names of their own in each run: the same names again would be warned of as duplicates.
        const [first, second] = javaScript ? ['安宁', '明德'] : ['静怡', '嘉禾'];
        await page.locator('[name=name_1]').fill(first);
        await page.locator('[name=orgs_1][value=party]').check();
        await page.locator('[name=name_2]').fill(second);
        await page.locator('[name=consent]').check();
        // A row without an organisation: the batch comes back with its errors announced.
        await page.locator('button[name=action][value=submit]').first().click();
        assert.ok((await page.locator('[role=alert]').first().textContent())?.trim(), 'the errors are announced');
        assert.equal(await page.locator('[name=name_2]').inputValue(), second, 'the input is kept');
        await look(page, javaScript, 'batch-errors');
        await page.locator('[name=orgs_2][value=league]').check();
        await page.locator('button[name=action][value=submit]').first().click();
        await page.locator('table.codes').waitFor();
        assert.equal(await page.locator('table.codes tbody tr').count(), 2);
        await look(page, javaScript, 'batch-receipts');
      });

      test('a moderation approval', async (t) => {
        if (!rig) return t.skip('Chromium is not installed');
        const number = await pendingDeclaration(javaScript ? '志远' : '长青');
        const { page } = await rig.signIn('editor', { javaScript });
        await page.locator('a[href="/console/moderation"]').first().click();
        await look(page, javaScript, 'moderation');
        await page.locator(`a[href="/console/moderation/${number}"]`).click();
        await look(page, javaScript, 'moderation-detail');
        await page.goBack();
        await page.locator(`input[name=numbers][value="${number}"]`).check();
        await page.locator('button[name=decision][value=approve]').click();
        assert.ok(await page.locator('.notice').isVisible(), 'the outcome is shown');
        assert.equal(await statusOf(number), 'published');
      });
    });
  }

  test("every page in an admin's menu, in each locale: axe-core, and screenshots at both sizes", async (t) => {
    if (!rig) return t.skip('Chromium is not installed');
    await pendingDeclaration('德明');
    for (const locale of LOCALES) {
      const { page } = await rig.signIn('admin', { locale, javaScript: true });
      const menu = await page
        .locator('header nav a[href^="/console"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      assert.ok(menu.length >= 10, `an admin sees the whole menu: ${menu.join(' ')}`);
      for (const path of menu) {
        await page.goto(`${rig.url}${path}`);
        const name = `menu${path!.replace(/\//g, '-').replace('-console', '') || '-home'}`;
        await assertAccessible(page, `${path} in ${locale}`);
        const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        assert.ok(width <= SIZES.phone.width, `${path} in ${locale} fits a phone: ${width} px`);
        await screenshot(page, 'console', name, locale, 'phone');
        await page.setViewportSize(SIZES.desktop);
        await screenshot(page, 'console', name, locale, 'desktop');
        await page.setViewportSize(SIZES.phone);
      }
    }
  });

  test('signing in and approving with the keyboard alone', async (t) => {
    if (!rig) return t.skip('Chromium is not installed');
    const number = await pendingDeclaration('春华');
    // Set-up with the mouse: the enrolment. Everything after it is keys.
    const enrolled = await rig.signIn('editor');
    const page = await rig.open({ javaScript: true });
    await page.goto(`${rig.url}/console/sign-in`);
    await tabTo(page, '#email');
    await page.keyboard.type(enrolled.email);
    await tabTo(page, '#password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/sign-in\/code|\/console\/second-factor/);
    await tabTo(page, '#code');
    await page.keyboard.type(totpCode(enrolled.secret, 1));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${rig.url}/console`);

    await tabTo(page, 'a[href="/console/moderation"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/moderation$/);
    await tabTo(page, `input[name=numbers][value="${number}"]`);
    await page.keyboard.press('Space');
    assert.ok(await page.locator(`input[name=numbers][value="${number}"]`).isChecked());
    await tabTo(page, 'button[name=decision][value=approve]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=1/);
    assert.equal(await statusOf(number), 'published');
  });
});
