import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { runCliInProcess } from '../helpers/cli.ts';
import { signInAs } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { PDF_BYTES, emailTo } from '../helpers/inbox.ts';
import { CAMPAIGN_FORM, addCenter, csvLines, staffActor } from '../helpers/outreach.ts';
import { postForm, postJson } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const run = promisify(execFile);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A marker of its own per field, so a finding names the field that leaked. */
function markers(): Record<string, string> {
  const fresh = () => randomBytes(8).toString('hex');
  return {
    declareFormContact: fresh(),
    declareApiContact: fresh(),
    newsletterEmail: fresh(),
    inboxSender: fresh(),
    inboxSubject: fresh(),
    inboxBody: fresh(),
    inboxAttachmentName: fresh(),
    inboxAttachmentBytes: fresh(),
    outreachName: fresh(),
    imapPassword: fresh(),
  };
}

/** Every form and intake that takes a sensitive field, public and console, each given its marker. */
async function submitEverywhere(ctx: TestContext, m: Record<string, string>, control: string): Promise<string[]> {
  const declared = await postForm(ctx, '/zh-hans/declare', {
    names: '明德',
    orgs: 'party',
    statement: `退出 ${control}`,
    contact: `m${m.declareFormContact}@example.org`,
  });
  assert.equal(declared.status, 303);
  const api = await postJson(ctx, '/api/v1/declarations', {
    names: '安宁',
    orgs: ['league'],
    contact: `m${m.declareApiContact}@example.org`,
  });
  assert.equal(api.status, 201);
  const subscribed = await postForm(ctx, '/en/newsletter', { email: `m${m.newsletterEmail}@example.org`, language: 'en', terms: 'yes' });
  assert.equal(subscribed.status, 303);

  const centerId = await addCenter(ctx, 'Marker center');
  const received = await ctx.services.inbox.receive(
    emailTo(centerId, {
      sender: `m${m.inboxSender}@example.org`,
      subject: `subject ${m.inboxSubject}`,
      body: `body ${m.inboxBody}`,
      attachments: [
        { name: `${m.inboxAttachmentName}.pdf`, bytes: Buffer.concat([PDF_BYTES, Buffer.from(`% ${m.inboxAttachmentBytes}\n`)]) },
      ],
    }),
  );
  assert.ok(received.ok);

  const admin = await staffActor(ctx, 'admin', null);
  const campaign = await ctx.services.outreach.campaigns.create(admin, { ...CAMPAIGN_FORM, centerId: String(centerId) });
  assert.ok(campaign.ok);
  // A phone number cannot carry a hex marker: one drawn at random stands for it.
  const phone = `+8613${String(randomBytes(4).readUInt32BE() % 1_000_000_000).padStart(9, '0')}`;
  const staged = await ctx.services.outreach.imports.stage(
    admin,
    campaign.value.id,
    csvLines('phone,name', [`${phone},名${m.outreachName}`]),
  );
  assert.ok(staged.ok && staged.value.kind === 'staged');
  assert.ok((await ctx.services.outreach.imports.commit(admin, staged.value.summary.importId)).ok);

  const settings = await ctx.services.channels.settings.update(admin, centerId, {
    address: 'markers',
    imapHost: 'imap.example.org',
    imapPort: '993',
    imapTls: true,
    imapUser: 'inbox',
    imapPassword: `p${m.imapPassword}`,
    imapFolder: 'INBOX',
  });
  assert.ok(settings.ok, JSON.stringify(settings));

  // The staff member's TOTP secret, as the enrolment page showed it (base32).
  const staff = await signInAs(ctx, 'editor');
  return [phone, phone.slice(1), staff.totpSecret];
}

function assertAbsent(files: readonly string[], needles: Record<string, string>): void {
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const [field, needle] of Object.entries(needles)) {
      assert.equal(bytes.indexOf(needle), -1, `${file} holds the ${field} in the clear`);
      assert.equal(bytes.indexOf(Buffer.from(needle, 'utf16le')), -1, `${file} holds the ${field} (UTF-16)`);
    }
  }
}

for (const engine of testEngines()) {
  describe(`sensitive fields at rest (${engine})`, () => {
    test('markers sent through every sensitive form are in no database file, backup or log', async () => {
      const ctx = await createTestContext(engine);
      try {
        const m = markers();
        // A statement is published as written, so it is stored as written: the scan must find it there.
        // Letters only: a run of hex digits can read as a phone or ID number, and the form then asks before filing.
        const control = randomBytes(8)
          .toString('hex')
          .replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)]!);
        const [phone, digits, totpSecret] = await submitEverywhere(ctx, m, control);
        const needles: Record<string, string> = { ...m, phone: phone!, phoneDigits: digits!, totpSecret: totpSecret! };
        const reveal = await ctx.services.database.db.selectFrom('declarations').select('contact_sealed').execute();
        assert.equal(reveal.filter((row) => row.contact_sealed !== null).length, 2, 'both contacts were stored, sealed');

        const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
        const copies: string[] = [];
        if (engine === 'sqlite') {
          const backup = join(ctx.dir, 'backup.sqlite');
          const made = await runCliInProcess(['db', 'backup', '--to', backup], env);
          assert.equal(made.code, 0, made.stderr);
          copies.push(backup);
        } else {
          const dump = join(ctx.dir, 'dump.sql');
          await run('pg_dump', ['--dbname', ctx.config.databaseUrl, '--file', dump]);
          copies.push(dump);
          const custom = join(ctx.dir, 'dump.custom');
          await run('pg_dump', ['--dbname', ctx.config.databaseUrl, '--format', 'custom', '--compress', '0', '--file', custom]);
          copies.push(custom);
        }
        // Not mail/: with no SMTP server set, mail that leaves is written there as .eml files, a stand-in
        // for the mail server, which holds the recipient's address whatever the registry does.
        const files = filesUnder(ctx.dir).filter((file) => !file.startsWith(join(ctx.dir, 'mail')));
        if (engine === 'sqlite') {
          assert.ok(
            files.some((file) => file.endsWith('.sqlite-wal')),
            'the WAL was read as it stood',
          );
          assert.ok(files.some((file) => file.endsWith('.sqlite')));
        }
        for (const copy of copies) assert.ok(statSync(copy).size > 10_000, `${copy} is a real copy`);
        assert.ok(
          files.some((file) => file.includes('attachments') || file.includes('inbox')),
          'the sealed attachment was read',
        );
        // Nor the attachment's plain SHA-256, with which a thief holding the file could confirm it arrived.
        const attachment = Buffer.concat([PDF_BYTES, Buffer.from(`% ${m.inboxAttachmentBytes}\n`)]);
        needles.attachmentSha256 = createHash('sha256').update(attachment).digest('hex');
        const holding = (file: string) => readFileSync(file).includes(control);
        assert.ok(files.some(holding) && copies.every(holding), 'the control marker is found: the scan reads what the database holds');
        assertAbsent(files, needles);
        const logs = ctx.logs.join('\n');
        for (const [field, needle] of Object.entries(needles)) assert.ok(!logs.includes(needle), `the logs hold the ${field}`);
      } finally {
        await ctx.close();
      }
    });
  });
}
