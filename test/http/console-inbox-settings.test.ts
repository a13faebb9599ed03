import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signWebhook } from '../../src/domain/channels/webhook-signature.ts';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { addCenter } from '../helpers/outreach.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const MAILBOX = {
  address: 'Toronto',
  imapHost: 'imap.example.org',
  imapPort: '',
  imapTls: 'yes',
  imapUser: 'inbox@example.org',
  imapPassword: 'imap-password-that-stays-sealed',
  imapFolder: '',
};

for (const engine of testEngines()) {
  describe(`console: inbox channels (${engine})`, () => {
    let ctx: TestContext;
    let own: number;
    let other: number;
    let centerAdmin: StaffClient;
    let admin: StaffClient;
    let volunteer: StaffClient;

    const settingsRow = (centerId: number) =>
      ctx.services.database.db.selectFrom('center_inbox_settings').selectAll().where('center_id', '=', centerId).executeTakeFirst();
    const audits = (action: string) =>
      ctx.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

    before(async () => {
      ctx = await createTestContext(engine, { TUIDANG_INBOX_DOMAIN: 'inbox.example.org' });
      own = await addCenter(ctx, '多伦多中心');
      other = await addCenter(ctx, '台北中心');
      centerAdmin = await signInAs(ctx, 'center_admin', { centerId: own });
      admin = await signInAs(ctx, 'admin');
      volunteer = await signInAs(ctx, 'volunteer', { centerId: own });
    });
    after(() => ctx.close());

    test('a center admin sees and sets only their own center: address and IMAP mailbox, password sealed, audited without it', async () => {
      const list = await (await centerAdmin.get('/console/inbox-settings')).text();
      assert.match(list, new RegExp(`center-${own}@inbox\\.example\\.org`));
      assert.doesNotMatch(list, /台北中心/);
      const page = await centerAdmin.get(`/console/inbox-settings/${own}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, new RegExp(`/hooks/voicemail/${own}`));
      assert.match(html, /<h1>收件设置：[^<:]+<\/h1>/, 'a full-width colon in Chinese');
      assert.equal((await centerAdmin.get(`/console/inbox-settings/${other}`)).status, 404);
      assert.equal((await centerAdmin.post(`/console/inbox-settings/${other}`, MAILBOX)).status, 404);
      assert.equal((await centerAdmin.post(`/console/inbox-settings/${other}/secret`)).status, 404);

      const saved = await centerAdmin.post(`/console/inbox-settings/${own}`, MAILBOX);
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get('location'), `/console/inbox-settings/${own}?saved=1`);
      const row = await settingsRow(own);
      assert.equal(row?.address_local, 'toronto');
      assert.equal(row?.imap_host, 'imap.example.org');
      assert.equal(row?.imap_port, 993);
      assert.equal(row?.imap_folder, 'INBOX');
      assert.ok(row?.imap_password_sealed && !row.imap_password_sealed.includes('imap-password'));
      const [mailbox] = await ctx.services.channels.settings.mailboxes();
      assert.equal(mailbox?.password, MAILBOX.imapPassword);
      assert.equal(await ctx.services.channels.settings.centerForAddress('toronto'), own);
      assert.equal(
        await ctx.services.channels.settings.centerForAddress(`center-${own}`),
        null,
        'the default gives way to the chosen address',
      );

      const [entry] = await audits('inbox.channels.updated');
      assert.equal(entry?.target_id, String(own));
      assert.doesNotMatch(entry!.details, /imap-password/);

      // Saved again with the password left empty: the stored one is kept.
      assert.equal((await centerAdmin.post(`/console/inbox-settings/${own}`, { ...MAILBOX, imapPassword: '' })).status, 303);
      assert.equal((await ctx.services.channels.settings.mailboxes())[0]?.password, MAILBOX.imapPassword);
      const form = await (await centerAdmin.get(`/console/inbox-settings/${own}`)).text();
      assert.doesNotMatch(form, /imap-password-that/, 'the password is never shown again');
    });

    test('an address taken by another center, reserved or malformed is refused with a localized message and nothing changes', async () => {
      const before = await settingsRow(other);
      for (const [address, message] of [
        ['toronto', /已经被另一个服务中心使用/],
        [`center-${own}`, /保留地址/],
        ['postmaster', /保留地址/],
        ['纽约', /只能使用小写字母/],
      ] as const) {
        const response = await admin.post(`/console/inbox-settings/${other}?lang=zh-hans`, { address });
        assert.equal(response.status, 422, address);
        const html = await response.text();
        assert.match(html, message);
        assert.match(html, /aria-invalid="true"/);
      }
      const badMailbox = await admin.post(`/console/inbox-settings/${other}`, {
        address: 'taipei',
        imapHost: 'not a host',
        imapPort: '99999',
      });
      assert.equal(badMailbox.status, 422);
      assert.deepEqual(await settingsRow(other), before);
      assert.equal((await admin.post(`/console/inbox-settings/${other}`, { address: 'taipei' })).status, 303);
    });

    test('a new webhook secret is shown once, works at once, replaces the old one and is audited without itself', async () => {
      const first = await centerAdmin.post(`/console/inbox-settings/${own}/secret`);
      assert.equal(first.status, 200);
      const secret = /<td class="code">([A-Za-z0-9_-]{43})<\/td>/.exec(await first.text())?.[1];
      assert.ok(secret);
      const again = await (await centerAdmin.get(`/console/inbox-settings/${own}`)).text();
      assert.ok(!again.includes(secret), 'not shown a second time');
      const row = await settingsRow(own);
      assert.ok(row?.webhook_secret_sealed && !row.webhook_secret_sealed.includes(secret));
      const body = new TextEncoder().encode('transcript=hello');
      const at = Math.floor(ctx.clock.now() / 1000);
      assert.equal(
        (await ctx.services.channels.settings.verifyWebhook(own, signWebhook(secret, at, body), body, ctx.clock.now())).ok,
        true,
      );

      const second = await admin.post(`/console/inbox-settings/${own}/secret`);
      const replacement = /<td class="code">([A-Za-z0-9_-]{43})<\/td>/.exec(await second.text())?.[1];
      assert.ok(replacement && replacement !== secret);
      const old = await ctx.services.channels.settings.verifyWebhook(own, signWebhook(secret, at, body), body, ctx.clock.now());
      assert.deepEqual(old, { ok: false, reason: 'mismatch' });
      const entries = await audits('inbox.channels.webhookSecretRotated');
      assert.equal(entries.length, 2);
      for (const entry of entries) assert.ok(!entry.details.includes(secret) && !entry.details.includes(replacement));
    });

    test('a volunteer is refused every page; the navigation offers it to center admins and admins only', async () => {
      assert.equal((await volunteer.get('/console/inbox-settings')).status, 403);
      assert.equal((await volunteer.get(`/console/inbox-settings/${own}`)).status, 403);
      assert.equal((await volunteer.post(`/console/inbox-settings/${own}/secret`)).status, 403);
      assert.doesNotMatch(await (await volunteer.get('/console')).text(), /href="\/console\/inbox-settings"/);
      assert.match(await (await centerAdmin.get('/console')).text(), /href="\/console\/inbox-settings"/);
      const all = await (await admin.get('/console/inbox-settings')).text();
      assert.match(all, /多伦多中心/);
      assert.match(all, /台北中心/);
    });
  });
}
