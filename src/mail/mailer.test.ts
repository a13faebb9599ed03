import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { makeTempDir } from '../../test/helpers/test-context.ts';
import { createMailer } from './mailer.ts';

describe('mailer', () => {
  const dir = makeTempDir();
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('without an SMTP server, each message is an .eml file under the data dir, in the order sent', async () => {
    const mailer = createMailer({ smtpUrl: undefined, from: 'registry@example.org', dataDir: dir });
    await mailer.send({
      to: 'a@example.net',
      subject: '确认订阅',
      text: '第一封',
      headers: { 'List-Unsubscribe': '<https://x.example/u>' },
    });
    await mailer.send({
      to: 'b@example.net',
      subject: 'Second',
      text: 'second',
      from: 'center@example.org',
      returnPath: 'bounces@example.org',
    });
    mailer.close();
    const files = readdirSync(join(dir, 'mail')).sort();
    assert.equal(files.length, 2);
    const firstRaw = readFileSync(join(dir, 'mail', files[0]!));
    assert.match(firstRaw.toString(), /^List-Unsubscribe: <https:\/\/x\.example\/u>$/m);
    const first = await simpleParser(firstRaw);
    assert.equal(first.subject, '确认订阅');
    assert.equal(first.text?.trim(), '第一封');
    assert.equal(first.from?.text, 'registry@example.org');
    const second = await simpleParser(readFileSync(join(dir, 'mail', files[1]!)));
    assert.equal(second.from?.text, 'center@example.org');
  });

  test('with an SMTP URL, the message goes over a real SMTP conversation, bounces to the return path', async () => {
    const received: { from: string; to: string[]; raw: Buffer }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelope = session.envelope;
          received.push({
            from: envelope.mailFrom ? envelope.mailFrom.address : '',
            to: envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'registry@example.org', dataDir: dir });
    try {
      await mailer.send({ to: 'c@example.net', subject: 'Hello', text: 'over the wire', returnPath: 'bounces+7@example.org' });
    } finally {
      mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    assert.equal(received.length, 1);
    assert.equal(received[0]!.from, 'bounces+7@example.org');
    assert.deepEqual(received[0]!.to, ['c@example.net']);
    const parsed = await simpleParser(received[0]!.raw);
    assert.equal(parsed.subject, 'Hello');
    assert.equal(parsed.text?.trim(), 'over the wire');
    assert.equal(readdirSync(join(dir, 'mail')).length, 2, 'nothing was written to the outbox');
  });
});
