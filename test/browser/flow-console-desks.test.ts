import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureCenter } from '../helpers/console.ts';
import { JAVASCRIPT, SIZES, assertAccessible, assertNoForeignRequests, flowRig, screenshot, type FlowRig } from '../helpers/flows.ts';
import { emailTo } from '../helpers/inbox.ts';
import { importedCampaign, staffActor } from '../helpers/outreach.ts';

/**
 * A volunteer's two desks, with JavaScript on and off: recording a call's outcome on the calling
 * screen, and turning an emailed inbox item into declarations. With JavaScript on, each page is
 * checked by axe-core and photographed (test-artifacts/screenshots/console/).
 */
describe('the calling screen and the inbox in Chromium', () => {
  let rig: FlowRig | null;
  let campaignId: number;
  let centerId: number;

  before(async () => {
    rig = await flowRig();
    if (!rig) return;
    centerId = await ensureCenter(rig.ctx);
    const admin = await staffActor(rig.ctx, 'center_admin', centerId);
    campaignId = await importedCampaign(rig.ctx.services.outreach, admin, centerId, 6, { name: '河北外呼', leaseSize: '2' });
  });
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

  for (const javaScript of JAVASCRIPT) {
    describe(`JavaScript ${javaScript ? 'on' : 'off'}`, () => {
      test('a call outcome on the calling screen', async (t) => {
        if (!rig) return t.skip('Chromium is not installed');
        const { page } = await rig.signIn('volunteer', { javaScript });
        await page.locator('a[href="/console/campaigns"]').first().click();
        await look(page, javaScript, 'campaigns');
        await page.locator(`main a[href="/console/campaign/${campaignId}"]`).first().click();
        await page.locator(`form[action="/console/campaign/${campaignId}/lease"] button`).click();
        await look(page, javaScript, 'campaign');
        await page.locator('#start-calling').click();
        await page.locator('form[action$="/reveal"] button').click();
        assert.match((await page.locator('#phone a').getAttribute('href')) ?? '', /^tel:\+86139/);
        await look(page, javaScript, 'call');
        const contact = Number(/\/call\/(\d+)/.exec((await page.locator('#outcome-form').getAttribute('action')) ?? '')?.[1]);
        await page.locator('input[name=outcome][value=callbackRequested]').check();
        await page.locator('#outcome-form button[type=submit]').last().click();
        // A callback without its time is refused, announced, and the choice is kept.
        assert.ok((await page.locator('[role=alert]').first().textContent())?.trim(), 'the problem is announced');
        assert.ok(await page.locator('input[name=outcome][value=callbackRequested]').isChecked());
        await page.locator('input[name=outcome][value=noAnswer]').check();
        await page.locator('#outcome-form button[type=submit]').last().click();
        const attempt = await rig.ctx.services.database.db
          .selectFrom('outreach_attempts')
          .select('outcome')
          .where('contact_id', '=', contact)
          .executeTakeFirstOrThrow();
        assert.equal(attempt.outcome, 'noAnswer');
      });

      test('converting an inbox item into declarations', async (t) => {
        if (!rig) return t.skip('Chromium is not installed');
        const [first, second] = javaScript ? ['安宁', '明德'] : ['静怡', '嘉禾'];
        const received = await rig.ctx.services.inbox.receive(emailTo(centerId, { body: `${first} 退党\n${second} 退团\n` }));
        assert.ok(received.ok);
        const { page } = await rig.signIn('volunteer', { javaScript });
        await page.locator('a[href="/console/inbox"]').first().click();
        await look(page, javaScript, 'inbox');
        await page.locator(`[data-item-id="${received.value.id}"] a`).click();
        await page.locator(`form[action="/console/inbox/item/${received.value.id}/take"] button`).click();
        await look(page, javaScript, 'inbox-item');
        await page.locator('#convert').click();
        assert.equal(new URL(page.url()).pathname, '/console/batch');
        assert.equal(await page.locator('[name=name_1]').inputValue(), first);
        assert.equal(await page.locator('[name=name_2]').inputValue(), second);
        await page.locator('[name=orgs_1][value=party]').check();
        await page.locator('[name=orgs_2][value=league]').check();
        await page.locator('[name=consent]').check();
        await page.locator('button[name=action][value=submit]').first().click();
        await page.locator('table.codes').waitFor();
        await page.goto(`${rig.url}/console/inbox/item/${received.value.id}`);
        assert.match((await page.locator('#declarations').textContent()) ?? '', /2/);
      });
    });
  }
});
