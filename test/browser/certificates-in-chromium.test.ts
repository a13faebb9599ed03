import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { assertNoForeignRequests, flowRig, LOCALES, screenshot, SIZES, type FlowRig } from '../helpers/flows.ts';
import { submitDeclaration } from '../helpers/requests.ts';

const NAMES = { 'zh-hans': '王建国', 'zh-hant': '陳美玲', en: '李明华' } as const;

/** Pages in a PDF as Chromium prints it: what a declarant gets from the print dialog. */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

/**
 * A real-name declarant asks for a certificate through the receipt with JavaScript off, an editor
 * issues it, and the declarant opens and prints it; anyone checks its number. Screenshots of the
 * certificate and the check, phone and desktop, in each language.
 */
describe('certificates in Chromium with JavaScript off', () => {
  let rig: FlowRig | null;
  before(async () => {
    rig = await flowRig();
  });
  after(() => rig?.close());
  afterEach(() => assertNoForeignRequests(rig));

  for (const locale of LOCALES) {
    test(`request, issue, print and check (${locale})`, async (t) => {
      if (!rig) return t.skip('Chromium is not installed');
      const { ctx, url } = rig;
      const receipt = await submitDeclaration(ctx, { names: NAMES[locale], orgs: ['party', 'league', 'pioneers'] });
      assert.ok((await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber])).ok);

      const page = await rig.open({ locale, size: 'phone' });
      const lookUp = async () => {
        await page.goto(`${url}/${locale}/receipt`);
        await page.fill('#registrationNumber', receipt.registrationNumber);
        await page.fill('#queryPassword', receipt.queryPassword);
        await page.click('main button[type=submit]');
        await page.click(`form[action="/${locale}/certificates/request"] button`);
      };
      await lookUp();
      await page.check('input[name=disclosure][value=name]');
      await page.check('input[name=realName]');
      await screenshot(page, 'certificates', 'request', locale, 'phone');
      await page.click('form[action$="/certificates/request"] button[type=submit]');
      assert.equal(new URL(page.url()).pathname, `/${locale}/certificates/requested`);

      const queue = await ctx.services.certificates.queue(SYSTEM_ACTOR);
      assert.ok(queue.ok);
      assert.ok(
        (
          await ctx.services.certificates.decide(
            SYSTEM_ACTOR,
            queue.value.items.map((item) => item.id),
            'issue',
          )
        ).ok,
      );

      await lookUp();
      await page.click(`form[action="/${locale}/certificates/view"] button`);
      assert.equal(await page.locator('#certificate-name').textContent(), NAMES[locale]);
      const number = (await page.locator('#certificate-number').textContent())!.replace(/\s/g, '');
      for (const size of ['phone', 'desktop'] as const) {
        await page.setViewportSize(SIZES[size]);
        await screenshot(page, 'certificates', 'certificate', locale, size);
      }
      for (const format of ['A4', 'Letter'] as const) {
        assert.equal(pageCount(await page.pdf({ format })), 1, `the certificate prints on one ${format} page`);
      }

      await page.goto(`${url}/${locale}/certificates/verify?number=${number}`);
      assert.equal(await page.locator('#verification').getAttribute('data-state'), 'valid');
      assert.equal(await page.locator('#verified-name').textContent(), NAMES[locale]);
      for (const size of ['phone', 'desktop'] as const) {
        await page.setViewportSize(SIZES[size]);
        await screenshot(page, 'certificates', 'verify', locale, size);
      }
    });
  }
});
