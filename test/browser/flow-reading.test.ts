import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { JAVASCRIPT, assertAccessible, assertNoForeignRequests, flowRig, screenshot, type FlowRig } from '../helpers/flows.ts';
import { submitDeclaration } from '../helpers/requests.ts';

/**
 * A reader's path, with JavaScript on and off: from the home page to the archive and a permalink,
 * a search that finds an alias and one the site refuses, and the statistics for a chosen range with
 * the figures behind a chart.
 */
describe('browsing the archive, searching and reading the statistics in Chromium', () => {
  let rig: FlowRig | null;
  let permalink: string;

  before(async () => {
    rig = await flowRig();
    if (!rig) return;
    const family = await submitDeclaration(rig.ctx, {
      names: ['明德', '安宁'],
      headcount: 3,
      orgs: ['party', 'pioneers'],
      region: '辽宁大连',
      statement: '我们一家三口今天声明退出。',
    });
    const single = await submitDeclaration(rig.ctx, { names: '志远', orgs: ['league'], region: '湖南' });
    await rig.ctx.services.moderation.approve(SYSTEM_ACTOR, [family.registrationNumber, single.registrationNumber]);
    rig.ctx.clock.advance(1100);
    permalink = `/zh-hans/declarations/${family.registrationNumber}`;
  });
  after(() => rig?.close());
  afterEach(() => assertNoForeignRequests(rig));

  for (const javaScript of JAVASCRIPT) {
    test(`JavaScript ${javaScript ? 'on' : 'off'}`, async (t) => {
      if (!rig) return t.skip('Chromium is not installed');
      const page = await rig.open({ javaScript });
      await page.goto(`${rig.url}/zh-hans/`);
      await page.locator('header a[href="/zh-hans/declarations"]').click();
      assert.equal(new URL(page.url()).pathname, '/zh-hans/declarations');
      await page.locator(`main a[href="${permalink}"]`).first().click();
      assert.equal(new URL(page.url()).pathname, permalink);
      assert.match((await page.locator('main').textContent()) ?? '', /明德/);
      assert.match((await page.locator('main').textContent()) ?? '', /一家三口/);

      await page.goto(`${rig.url}/zh-hans/search`);
      await page.locator('#q').fill('志远');
      await page.locator('form[role=search] button[type=submit]').click();
      assert.match((await page.locator('#results').textContent()) ?? '', /声明退出中国共产主义青年团|共青团/);
      assert.equal(await page.locator('#results article').count(), 1, 'only the one alias is found');

      // A query the site cannot search for: the reason is announced, not just shown.
      await page.locator('input[name=field][value=title]').check();
      await page.locator('#q').fill('退');
      await page.locator('form[role=search] button[type=submit]').click();
      assert.ok((await page.locator('[role=alert]').textContent())?.trim(), 'the refusal is in an alert');
      if (javaScript) {
        await assertAccessible(page, 'search refused');
        await screenshot(page, 'reading', 'search-refused', 'zh-hans', 'phone');
      }

      await page.locator('header a[href="/zh-hans/statistics"]').click();
      assert.match((await page.locator('#stats-summary').textContent()) ?? '', /4/);
      // The figures of a chart, for a reader who cannot see it: the table behind <details>.
      const organizations = page.locator('section[aria-labelledby="organizations-heading"]');
      await organizations.locator('summary').click();
      const table = organizations.locator('table');
      assert.ok(await table.isVisible(), 'the table opens');
      // A range that cannot be: the problem is announced and points at the field.
      await page.locator('#range-from').fill('2030-01-01');
      await page.locator('#range-from').press('Enter');
      assert.ok((await page.locator('[role=alert]').textContent())?.trim(), 'a wrong range is in an alert');
      assert.equal(await page.locator('#range-from').getAttribute('aria-invalid'), 'true');
      if (javaScript) {
        await assertAccessible(page, 'statistics refused');
        await screenshot(page, 'reading', 'statistics-refused', 'zh-hans', 'phone');
      }
    });
  }
});
