import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { signInAs } from '../helpers/console.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { testEngines } from '../helpers/databases.ts';
import { postForm, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const NUMBER = /id="certificate-number">([^<]+)</;

for (const engine of testEngines()) {
  describe(`certificates (${engine})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine);
    });
    after(() => ctx.close());

    /** A published real-name declaration: its receipt, as the declarant holds it. */
    async function published(names: string[] = ['王建国']) {
      const receipt = await submitDeclaration(ctx, { names, orgs: ['party', 'pioneers'], headcount: names.length });
      const approved = await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      assert.ok(approved.ok);
      return receipt;
    }

    async function request(locale: string, receipt: { registrationNumber: string; queryPassword: string }, extra = {}) {
      return postForm(ctx, `/${locale}/certificates/request`, {
        registrationNumber: receipt.registrationNumber,
        queryPassword: receipt.queryPassword,
        step: 'request',
        name: '王建国',
        disclosure: 'name',
        realName: 'yes',
        ...extra,
      });
    }

    async function view(locale: string, receipt: { registrationNumber: string; queryPassword: string }) {
      return postForm(ctx, `/${locale}/certificates/view`, receipt);
    }

    test('request through the receipt, approve in the console, print and verify', async () => {
      const receipt = await published();
      const status = await (await postForm(ctx, '/zh-hans/receipt', receipt)).text();
      assert.match(status, /action="\/zh-hans\/certificates\/request"/, 'a published declaration offers a certificate');

      const form = await postForm(ctx, '/zh-hans/certificates/request', receipt);
      assert.equal(form.status, 200);
      assert.equal(form.headers.get('cache-control'), 'no-store');
      assert.match(await form.text(), /我确认这是我本人的真实姓名/);

      const unconfirmed = await request('zh-hans', receipt, { realName: '' });
      assert.equal(unconfirmed.status, 422);
      assert.match(await unconfirmed.text(), /证书只发给用真实姓名声明的人/);
      const otherName = await request('zh-hans', receipt, { name: '李四' });
      assert.equal(otherName.status, 422);

      const asked = await request('zh-hans', receipt);
      assert.equal(asked.status, 303);
      assert.equal(asked.headers.get('location'), '/zh-hans/certificates/requested');
      assert.equal((await request('zh-hans', receipt)).status, 422, 'one request at a time');
      assert.equal((await view('zh-hans', receipt)).status, 422, 'nothing to print before approval');

      const editor = await signInAs(ctx, 'editor');
      const queue = await (await editor.get('/console/certificates')).text();
      assert.match(queue, /王建国/);
      const id = /name="ids" value="(\d+)"/.exec(queue)![1]!;
      const decided = await editor.post('/console/certificates', { decision: 'issue', ids: id });
      assert.equal(decided.status, 303);
      assert.match(decided.headers.get('location')!, /done=1/);

      const page = await view('zh-hans', receipt);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const html = await page.text();
      assert.match(html, /三退证书/);
      assert.match(html, /id="certificate-name">王建国</);
      assert.match(html, /中国共产党、少先队/);
      assert.match(html, /<img src="data:image\/svg\+xml;base64,/, 'the QR code is in the page');
      const number = NUMBER.exec(html)![1]!.replace(/\s/g, '');
      assert.match(number, /^TD\d{16}$/);

      const verified = await (await ctx.app.request(`/en/certificates/verify?number=${number}`)).text();
      assert.match(verified, /data-state="valid"/);
      assert.match(verified, /id="verified-name">王建国</);

      // Offline: the saved page verifies with the registry's key, and with nothing else.
      const file = join(ctx.dir, 'certificate.html');
      await writeFile(file, html);
      const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      const cli = await runCliInProcess(['certificates', 'verify', file], env);
      assert.equal(cli.code, 0, cli.stderr);
      assert.match(cli.stdout, new RegExp(`Certificate ${number}: signature verified`));
      assert.match(cli.stdout, /Name: 王建国/);
      const key = ctx.services.log.verifierKey;
      assert.equal((await runCliInProcess(['certificates', 'verify', file, '--key', key], env)).code, 0);

      const forged = join(ctx.dir, 'forged.html');
      await writeFile(forged, html.replace('name 王建国', 'name 王建民'));
      const rejected = await runCliInProcess(['certificates', 'verify', forged, '--key', key], env);
      assert.equal(rejected.code, 1);
      assert.match(rejected.stderr, /CERTIFICATE REJECTED: the signature does not verify/);
    });

    test('the holder may show only that the certificate is valid', async () => {
      const receipt = await published();
      assert.equal((await request('zh-hant', receipt, { disclosure: 'validity' })).status, 303);
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
      const html = await (await view('zh-hant', receipt)).text();
      assert.match(html, /三退證書/);
      const number = NUMBER.exec(html)![1]!.replace(/\s/g, '');
      const verified = await (
        await ctx.app.request(`/zh-hant/certificates/verify?number=${encodeURIComponent(number.toLowerCase())}`)
      ).text();
      assert.match(verified, /data-state="valid"/);
      assert.match(verified, /證書有效，簽發於/);
      assert.doesNotMatch(verified, /王建国/);
    });

    test('a forged number is unknown, and a retraction revokes', async () => {
      const bad = await ctx.app.request('/en/certificates/verify?number=TD1234567890123456');
      assert.equal(bad.status, 422, 'a wrong check digit is caught before any lookup');
      const unknown = await (await ctx.app.request('/en/certificates/verify?number=TD1234567890123452')).text();
      assert.match(unknown, /data-state="unknown"/);

      const receipt = await published();
      assert.equal((await request('en', receipt)).status, 303);
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
      const number = NUMBER.exec(await (await view('en', receipt)).text())![1]!.replace(/\s/g, '');

      const retracted = await postForm(ctx, '/en/receipt/retract', { ...receipt, confirm: 'yes' });
      assert.equal(retracted.status, 303);
      const verified = await (await ctx.app.request(`/en/certificates/verify?number=${number}`)).text();
      assert.match(verified, /data-state="revoked"/);
      assert.doesNotMatch(verified, /王建国/);
      const page = await (await view('en', receipt)).text();
      assert.match(page, /id="certificate-revoked"/);
    });

    test('a volunteer cannot issue, and an auditor sees the queue but cannot decide', async () => {
      const volunteer = await signInAs(ctx, 'volunteer');
      assert.equal((await volunteer.post('/console/certificates', { decision: 'issue', ids: '1' })).status, 403);
      const auditor = await signInAs(ctx, 'auditor');
      const page = await (await auditor.get('/console/certificates')).text();
      assert.doesNotMatch(page, /name="decision"/);
    });
  });
}
