import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  JAVASCRIPT,
  LOCALES,
  SIZES,
  assertAccessible,
  flowRig,
  screenshot,
  type FlowRig,
  type Locale,
  assertNoForeignRequests,
} from '../helpers/flows.ts';

/**
 * A declarant's whole path in each locale, with JavaScript on and off: the form, an alias suggested
 * and picked, the receipt, checking the status, retracting. With JavaScript on, each page is checked
 * by axe-core and photographed at phone and desktop size (test-artifacts/screenshots/declare/).
 */
describe('declaring, the receipt, checking and retracting in Chromium', () => {
  let rig: FlowRig | null;
  before(async () => (rig = await flowRig()));
  after(() => rig?.close());
  afterEach(() => assertNoForeignRequests(rig));

  /** What a page of the flow must pass: axe-core, and a picture at both sizes (JavaScript on only). */
  async function look(page: Page, judged: boolean, name: string, locale: Locale) {
    if (!judged) return;
    await assertAccessible(page, `${name} in ${locale}`);
    await screenshot(page, 'declare', name, locale, 'phone');
    await page.setViewportSize(SIZES.desktop);
    await screenshot(page, 'declare', name, locale, 'desktop');
    await page.setViewportSize(SIZES.phone);
  }

  for (const javaScript of JAVASCRIPT) {
    for (const locale of LOCALES) {
      test(`${locale}, JavaScript ${javaScript ? 'on' : 'off'}`, async (t) => {
        if (!rig) return t.skip('Chromium is not installed');
        const page = await rig.open({ locale, javaScript });
        await page.goto(`${rig.url}/`);
        assert.equal(new URL(page.url()).pathname, `/${locale}/`, 'the browser language picks the locale');
        await page.locator(`main a[href="/${locale}/declare"]`).first().click();

        // No organisation chosen: the error is announced, and the page is still accessible.
        await page.locator('#names').fill('安宁');
        await page.locator('form button[type=submit]:not([name]):not(.offscreen)').click();
        assert.ok((await page.locator('[role=alert]').first().textContent())?.trim(), 'the errors are in an alert');
        await look(page, javaScript, 'declare-errors', locale);

        await page.locator('#names').fill('');
        await page.locator('input[name=orgs][value=pioneers]').check();
        await page.locator('button[name=action][value=suggest]').click();
        await page.locator('#suggestions').waitFor();
        await look(page, javaScript, 'suggestions', locale);
        const first = page.locator('button[name=pick]').first();
        const alias = (await first.getAttribute('value')) ?? '';
        assert.match(alias, /^\p{Script=Han}{2,}$/u);
        await first.click();
        assert.equal(await page.locator('#names').inputValue(), alias, 'the picked alias is in the names field');
        assert.ok(await page.locator('input[name=orgs][value=pioneers]').isChecked(), 'choices survive the round trip');

        await page.locator('#region').fill('湖南');
        await page.locator('#statement').fill('戴过红领巾，今天摘下。');
        await page.locator('form button[type=submit]:not([name]):not(.offscreen)').click();

        await page.locator('#registration-number').waitFor();
        const registrationNumber = ((await page.locator('#registration-number').textContent()) ?? '').replace(/\s/g, '');
        const queryPassword = ((await page.locator('#query-password').textContent()) ?? '').trim();
        assert.match(registrationNumber, /^\d{16}$/);
        assert.ok(queryPassword.length >= 16, 'a query password of at least 80 bits');
        await look(page, javaScript, 'receipt', locale);

        await page.goto(`${rig.url}/${locale}/receipt`);
        await page.locator('#registrationNumber').fill(registrationNumber);
        await page.locator('#queryPassword').fill('wrong-password-entirely');
        await page.locator('form button[type=submit]').last().click();
        assert.ok((await page.locator('[role=alert]').first().textContent())?.trim(), 'a wrong password is announced');
        await look(page, javaScript, 'receipt-refused', locale);

        await page.locator('#registrationNumber').fill(registrationNumber);
        await page.locator('#queryPassword').fill(queryPassword);
        await page.locator('form button[type=submit]').last().click();
        assert.equal(await page.locator('#status').getAttribute('data-status'), 'pending');
        await look(page, javaScript, 'status', locale);

        await page.locator(`form[action="/${locale}/receipt/retract"] button[type=submit]`).click();
        await look(page, javaScript, 'retract-confirm', locale);
        await page.locator('button[name=confirm][value=yes]').click();
        await page.waitForURL(/\/receipt\/retracted/);
        await look(page, javaScript, 'retracted', locale);
        const declaration = await rig.ctx.services.database.db
          .selectFrom('declarations')
          .select('status')
          .where('registration_number', '=', registrationNumber)
          .executeTakeFirstOrThrow();
        assert.equal(declaration.status, 'retracted');
      });
    }
  }
});
