import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import nodemailer from 'nodemailer';
import { createServices } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import { signWebhook } from '../../src/domain/channels/webhook-signature.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { centersRepository } from '../../src/repositories/centers-repository.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('`tuidang serve`: mail, voicemail and the contact form leave no address, host name or user agent in the files or the logs', async () => {
  const dir = makeTempDir();
  const marker = randomBytes(6).toString('hex');
  const sourceAddress = '127.0.0.78';
  const env = { TUIDANG_DATA_DIR: dir, TUIDANG_INBOX_DOMAIN: 'inbox.example.org' };
  const identifying = {
    'user-agent': `MarkerAgent/${marker}`,
    'x-forwarded-for': `203.0.113.9, ${marker}-xff`,
    'x-real-ip': `${marker}-realip`,
  };

  // A public center with a webhook secret, in the database the server will open.
  const seeded = await createServices(loadConfig(env));
  const centerId = await centersRepository.insert(seeded.database.db, {
    name: '纽约中心',
    city: 'New York',
    country: 'US',
    hotlines: [],
    fax: null,
    email: null,
    address: null,
    openingHours: null,
    languages: '中文',
    isPublic: true,
    at: new Date(),
  });
  const rotated = await seeded.services.channels.settings.rotateWebhookSecret(SYSTEM_ACTOR, centerId);
  assert.ok(rotated.ok);
  await seeded.close();

  const smtpPort = await freePort();
  const server = await startServerProcess({ ...env, TUIDANG_LOG_LEVEL: 'debug', TUIDANG_SMTP_PORT: String(smtpPort) });
  try {
    const send = (path: string, method = 'GET', body?: string, headers: Record<string, string> = {}) =>
      rawRequest(`${server.url}${path}`, { method, body, localAddress: sourceAddress, headers: { ...identifying, ...headers } });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    const page = await send('/zh-hans/contact');
    const token = /name="submission" value="([^"]+)"/.exec(page.body)![1]!;
    const contact = await send(
      '/zh-hans/contact',
      'POST',
      new URLSearchParams({ submission: token, center: String(centerId), message: '请联系我' }).toString(),
      form,
    );
    assert.equal(contact.status, 303);

    const voicemail = new URLSearchParams({ caller: '+15550100', transcript: '请回电' }).toString();
    const signature = signWebhook(rotated.value, Math.floor(Date.now() / 1000), new TextEncoder().encode(voicemail));
    const hook = await send(`/hooks/voicemail/${centerId}`, 'POST', voicemail, { ...form, 'x-tuidang-signature': signature });
    assert.equal(hook.status, 201);

    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
      localAddress: sourceAddress,
      name: `${marker}-helo.example`,
    });
    const info = await transport.sendMail({
      from: 'a@example.net',
      to: `center-${centerId}@inbox.example.org`,
      subject: '三退',
      text: '王五 退党',
    });
    assert.equal(info.accepted.length, 1);
  } finally {
    assert.equal(await server.stop('SIGTERM'), 0, 'clean shutdown, the SMTP receiver closed with the rest');
  }

  const check = await createServices(loadConfig(env));
  const items = await check.database.db.selectFrom('inbound_items').select(['channel']).orderBy('id').execute();
  await check.close();
  assert.deepEqual(
    items.map((item) => item.channel),
    ['web', 'voicemail', 'email'],
  );

  const logs = server.output();
  assert.match(logs, /smtp receiver listening/);
  const needles = [marker, sourceAddress, '203.0.113.', 'MarkerAgent'];
  for (const needle of needles) assert.ok(!logs.includes(needle), `logs contain ${needle}`);
  const files = filesUnder(dir);
  assert.ok(files.some((file) => file.endsWith('.sqlite')));
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of needles) {
      assert.equal(bytes.indexOf(needle), -1, `${file} contains ${needle}`);
      assert.equal(bytes.indexOf(Buffer.from(needle, 'utf16le')), -1, `${file} contains ${needle} (UTF-16)`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
});
