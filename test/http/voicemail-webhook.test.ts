import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { signWebhook } from '../../src/domain/channels/webhook-signature.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { itemsOf } from '../helpers/channels.ts';
import { testEngines } from '../helpers/databases.ts';
import { addCenter } from '../helpers/outreach.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** A WAV file of a few silent samples: enough for its type to be found from the bytes. */
function wav(samples = 16): Uint8Array {
  const data = samples * 2;
  const bytes = Buffer.alloc(44 + data);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(36 + data, 4);
  bytes.write('WAVEfmt ', 8, 'latin1');
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(1, 20);
  bytes.writeUInt16LE(1, 22);
  bytes.writeUInt32LE(8000, 24);
  bytes.writeUInt32LE(16000, 28);
  bytes.writeUInt16LE(2, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write('data', 36, 'latin1');
  bytes.writeUInt32LE(data, 40);
  return new Uint8Array(bytes);
}

/** A form as a provider would send it: the exact bytes and their content type. */
async function encode(fields: Record<string, string | Blob>): Promise<{ body: Uint8Array; type: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, 'message.wav');
  }
  const request = new Request('http://provider.invalid/', { method: 'POST', body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

for (const engine of testEngines()) {
  describe(`the voicemail webhook (${engine})`, () => {
    let ctx: TestContext;
    let centerId: number;
    let secret: string;
    let recordings: Server;
    let fetches = 0;

    const post = (path: string, body: Uint8Array, type: string, signature?: string) =>
      ctx.app.request(path, {
        method: 'POST',
        headers: { 'content-type': type, ...(signature ? { 'x-tuidang-signature': signature } : {}) },
        body,
      });
    const now = () => Math.floor(ctx.clock.now() / 1000);

    before(async () => {
      recordings = createServer((request, response) => {
        fetches++;
        if (request.url === '/rec/1.wav') response.writeHead(200, { 'content-type': 'audio/wav' }).end(Buffer.from(wav(32)));
        else if (request.url === '/moved') response.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
        else response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => recordings.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(recordings.address() as AddressInfo).port}`;
      ctx = await createTestContext(engine, { TUIDANG_VOICEMAIL_RECORDING_ORIGINS: origin });
      centerId = await addCenter(ctx, '纽约中心');
      const rotated = await ctx.services.channels.settings.rotateWebhookSecret(SYSTEM_ACTOR, centerId);
      assert.ok(rotated.ok);
      secret = rotated.value;
    });
    after(async () => {
      recordings.close();
      await ctx.close();
    });

    test('a signed upload is filed: the recording, the caller, the transcript and the duration', async () => {
      const { body, type } = await encode({
        caller: '+1 212 555 0100',
        duration: '42',
        transcript: '我想三退，我叫王五。',
        recording: new Blob([wav()], { type: 'audio/wav' }),
      });
      const response = await post(`/hooks/voicemail/${centerId}`, body, type, signWebhook(secret, now(), body));
      assert.equal(response.status, 201);
      const answer = (await response.json()) as { id: number; duplicate: boolean };
      assert.equal(answer.duplicate, false);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const [item] = await itemsOf(ctx, centerId);
      assert.equal(item!.id, answer.id);
      assert.equal(item!.channel, 'voicemail');
      assert.equal(item!.sender, '+1 212 555 0100');
      assert.equal(item!.subject, '0:42');
      assert.equal(item!.body, '我想三退，我叫王五。');
      assert.deepEqual(
        item!.attachments.map((a) => a.mediaType),
        ['audio/wav'],
      );
    });

    test('the same request replayed within the window is the same item, not a second one', async () => {
      const { body, type } = await encode({ caller: '+8613800000000', transcript: '请回电' });
      const signature = signWebhook(secret, now(), body);
      const first = await post(`/hooks/voicemail/${centerId}`, body, type, signature);
      assert.equal(first.status, 201);
      const again = await post(`/hooks/voicemail/${centerId}`, body, type, signature);
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), { id: ((await first.json()) as { id: number }).id, duplicate: true });
      assert.equal((await itemsOf(ctx, centerId)).length, 2);
    });

    test('over real HTTP, a recording larger than the app’s 1 MB limit for other posts is filed', async () => {
      const server = await ctx.listen();
      try {
        const recording = wav(1024 * 1024);
        const { body, type } = await encode({ caller: '+15550111', recording: new Blob([recording], { type: 'audio/wav' }) });
        assert.ok(body.byteLength > 2 * 1024 * 1024);
        const response = await fetch(`${server.url}/hooks/voicemail/${centerId}`, {
          method: 'POST',
          headers: { 'content-type': type, 'x-tuidang-signature': signWebhook(secret, now(), body) },
          body,
        });
        assert.equal(response.status, 201);
        const { id } = (await response.json()) as { id: number };
        const item = (await itemsOf(ctx, centerId)).find((candidate) => candidate.id === id);
        assert.equal(item?.attachments[0]?.size, recording.byteLength);
      } finally {
        await server.close();
      }
    });

    test('a wrong, missing, malformed or stale signature is 401 and stores nothing', async () => {
      const count = (await itemsOf(ctx, centerId)).length;
      const { body, type } = await encode({ caller: '+8613800000001', transcript: '你好' });
      const cases: [string, string | undefined][] = [
        ['wrong secret', signWebhook('not-the-secret', now(), body)],
        ['missing', undefined],
        ['malformed', 'sha256=abc'],
        ['stale', signWebhook(secret, now() - 301, body)],
        ['from the future', signWebhook(secret, now() + 301, body)],
        ['another body', signWebhook(secret, now(), new TextEncoder().encode('caller=1'))],
      ];
      for (const [name, signature] of cases) {
        const response = await post(`/hooks/voicemail/${centerId}`, body, type, signature);
        assert.equal(response.status, 401, name);
        const answer = (await response.json()) as { error: { code: string } };
        assert.equal(answer.error.code, 'channels.signatureInvalid');
      }
      // Another center's secret is no use here, and a center without a secret refuses everything.
      const other = await addCenter(ctx, '多伦多中心');
      assert.equal((await post(`/hooks/voicemail/${other}`, body, type, signWebhook(secret, now(), body))).status, 401);
      assert.equal((await post('/hooks/voicemail/999999', body, type, signWebhook(secret, now(), body))).status, 401);
      assert.equal((await post('/hooks/voicemail/abc', body, type, signWebhook(secret, now(), body))).status, 401);
      assert.equal((await itemsOf(ctx, centerId)).length, count);
      assert.deepEqual(await itemsOf(ctx, other), []);
    });

    test('a recording URL is fetched once, only from a listed origin, never through a redirect', async () => {
      const origin = `http://127.0.0.1:${(recordings.address() as AddressInfo).port}`;
      const sent = async (fields: Record<string, string>) => {
        const { body, type } = await encode(fields);
        return post(`/hooks/voicemail/${centerId}`, body, type, signWebhook(secret, now(), body));
      };
      fetches = 0;
      const fetched = await sent({ id: 'call-77', caller: '+15550100', recording_url: `${origin}/rec/1.wav` });
      assert.equal(fetched.status, 201);
      const again = await sent({ id: 'call-77', caller: '+15550100', recording_url: `${origin}/rec/1.wav` });
      assert.equal(again.status, 200, 'the provider id makes a redelivery the same item');
      const items = await itemsOf(ctx, centerId);
      assert.equal(items.at(-1)!.attachments[0]!.mediaType, 'audio/wav');
      assert.equal(items.at(-1)!.sourceRef, 'vm:call-77');

      const refused = await sent({ caller: '+15550100', recording_url: 'https://example.com/rec/1.wav' });
      assert.equal(refused.status, 422);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'channels.recordingUrlRefused');
      const redirected = await sent({ caller: '+15550100', recording_url: `${origin}/moved` });
      assert.equal(redirected.status, 422);
      assert.equal(((await redirected.json()) as { error: { code: string } }).error.code, 'channels.recordingUnavailable');
      assert.equal(fetches, 2, 'the first delivery and the redirect: the redelivery and the refused origin fetch nothing');
    });

    test('bad fields, an empty voicemail, another content type and an oversized body are refused, never a 500', async () => {
      const count = (await itemsOf(ctx, centerId)).length;
      const signed = async (fields: Record<string, string>) => {
        const { body, type } = await encode(fields);
        return post(`/hooks/voicemail/${centerId}`, body, type, signWebhook(secret, now(), body));
      };
      assert.equal((await signed({ caller: 'not a number <script>', transcript: 'x' })).status, 422);
      assert.equal((await signed({ caller: '+15550100', duration: '-3', transcript: 'x' })).status, 422);
      assert.equal((await signed({ caller: '+15550100', transcript: 'bidi \u202E text' })).status, 422);
      assert.equal((await signed({ caller: '+15550100' })).status, 422);
      const json = new TextEncoder().encode('{"caller":"+1"}');
      assert.equal((await post(`/hooks/voicemail/${centerId}`, json, 'application/json', signWebhook(secret, now(), json))).status, 415);
      const huge = new Uint8Array(12 * 1024 * 1024);
      const tooLarge = await post(
        `/hooks/voicemail/${centerId}`,
        huge,
        'multipart/form-data; boundary=x',
        signWebhook(secret, now(), huge),
      );
      assert.equal(tooLarge.status, 413);
      const garbled = new TextEncoder().encode('--x\r\nnot a part');
      const malformed = await post(
        `/hooks/voicemail/${centerId}`,
        garbled,
        'multipart/form-data; boundary=x',
        signWebhook(secret, now(), garbled),
      );
      assert.equal(malformed.status, 400);
      assert.equal((await itemsOf(ctx, centerId)).length, count);
      assert.ok(!ctx.logs.some((line) => line.includes('unhandled error')));
    });
  });
}
