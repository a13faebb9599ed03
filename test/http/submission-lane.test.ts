import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DatabaseBusyError } from '../../src/db/database-busy.ts';
import { submissionsFirst } from '../../src/http/fast-lane/submission-lane.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { DeclarationService } from '../../src/services/declaration-service.ts';
import { testEngines } from '../helpers/databases.ts';
import { countRows, formBody } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** Headers that differ between any two responses, whichever path served them. */
const PER_RESPONSE = new Set(['date', 'x-request-id', 'connection', 'keep-alive', 'content-length']);

function comparable(headers: Headers) {
  return [...headers].filter(([name]) => !PER_RESPONSE.has(name)).sort(([a], [b]) => a.localeCompare(b));
}

/** A receipt's number and password, a form's token and a receipt page's reference, which differ between any two submissions. */
const maskReceipt = (text: string) =>
  text
    .replace(/name="submission" value="[0-9a-z]{8}[A-Za-z0-9_-]{22}"/g, 'TOKEN')
    .replace(/data-challenge="[A-Za-z0-9+/=]+"/g, 'CHALLENGE')
    .replace(/\d{4} \d{4} \d{4} \d{4}|"\d{16}"/g, 'NUMBER')
    .replace(/[0-9A-Z]{4}(-[0-9A-Z]{4}){4}|"[0-9A-Z]{20}"/g, 'PASSWORD');

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const VALID = { names: '王明华', orgs: ['party', 'league'], title: '三退声明', region: '北京' };
const VALID_FORM = formBody({ names: '王明华', orgs: ['party', 'league'], title: '三退声明', region: '北京', behalf: 'self' }).toString();

for (const engine of testEngines()) {
  describe(`public submissions answered ahead of the router, over real HTTP (${engine})`, () => {
    let ctx: TestContext;
    let server: { url: string; close(): Promise<void> };
    before(async () => {
      ctx = await createTestContext(engine);
      server = await ctx.listen();
    });
    after(async () => {
      await server.close();
      await ctx.close();
    });

    const post = (path: string, headers: Record<string, string>, body: string) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers, body, redirect: 'manual' });
    const comparableRedirect = (headers: Headers) =>
      comparable(headers).map(([name, value]) => [name, name === 'location' ? value.replace(/[^/]+$/, 'REF') : value]);
    const viaApp = (path: string, headers: Record<string, string>, body: string) =>
      ctx.app.request(path, { method: 'POST', headers, body });
    const laneLines = () => ctx.logs.map((line) => JSON.parse(line)).filter((line) => line.route === 'submission');

    test('a valid JSON submission: stored, and the same status, headers and body as the app gives', async () => {
      const before = laneLines().length;
      const rowsBefore = await countRows(ctx, 'declarations');
      const lane = await post('/api/v1/declarations', { ...JSON_TYPE, 'accept-language': 'en' }, JSON.stringify(VALID));
      assert.equal(laneLines().length, before + 1, 'answered by the lane');
      const app = await viaApp('/api/v1/declarations', { ...JSON_TYPE, 'accept-language': 'en' }, JSON.stringify(VALID));
      assert.equal(lane.status, 201);
      assert.equal(lane.status, app.status);
      assert.deepEqual(comparable(lane.headers), comparable(app.headers));
      assert.match(lane.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
      const laneText = await lane.text();
      assert.equal(maskReceipt(laneText), maskReceipt(await app.text()));

      const receipt = JSON.parse(laneText) as { registrationNumber: string; queryPassword: string; status: string };
      assert.equal(receipt.status, 'pending');
      assert.equal(await countRows(ctx, 'declarations'), rowsBefore + 2);
      const status = await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword);
      assert.ok(status.ok && status.value.status === 'pending', 'the receipt opens the stored declaration');
      const stored = await ctx.services.database.db
        .selectFrom('declarations')
        .select(['channel', 'locale', 'title', 'names'])
        .where('registration_number', '=', receipt.registrationNumber)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...stored }, { channel: 'api', locale: 'en', title: '三退声明', names: JSON.stringify(['王明华']) });
    });

    test('a valid form submission in each language: a 303 to the receipt page, as the app answers', async () => {
      for (const locale of ['zh-hans', 'zh-hant', 'en']) {
        const before = laneLines().length;
        const lane = await post(`/${locale}/declare`, FORM_TYPE, VALID_FORM);
        assert.equal(laneLines().length, before + 1, `${locale}: answered by the lane`);
        const app = await viaApp(`/${locale}/declare`, FORM_TYPE, VALID_FORM);
        assert.equal(lane.status, 303);
        assert.equal(app.status, 303);
        assert.deepEqual(comparableRedirect(lane.headers), comparableRedirect(app.headers));
        assert.equal(lane.headers.get('cache-control'), 'no-store');
        assert.match(lane.headers.get('content-security-policy') ?? '', /script-src 'none'/);
        assert.equal(await lane.text(), await app.text());
        const shown = await fetch(`${server.url}${lane.headers.get('location')}`);
        assert.equal(shown.status, 200);
        assert.equal(shown.headers.get('cache-control'), 'no-store');
        const page = await shown.text();
        const appPage = await ctx.app.request(app.headers.get('location')!);
        assert.equal(maskReceipt(page), maskReceipt(await appPage.text()), locale);
        const number = /id="registration-number">(\d{4} \d{4} \d{4} \d{4})</.exec(page)?.[1]?.replace(/ /g, '');
        const password = /id="query-password">([0-9A-Z-]{24})</.exec(page)?.[1];
        assert.ok(number && password, `${locale}: the page shows the receipt`);
        const status = await ctx.services.declarations.lookup(number, password);
        assert.ok(status.ok, `${locale}: the receipt shown is the stored one`);
        const stored = await ctx.services.database.db
          .selectFrom('declarations')
          .select(['channel', 'locale'])
          .where('registration_number', '=', number)
          .executeTakeFirstOrThrow();
        assert.deepEqual({ ...stored }, { channel: 'web', locale });
      }
    });

    test('everything else reaches the app with its body and gets the app’s answer, writing nothing', async () => {
      const cases: { path: string; headers: Record<string, string>; body: string; status: number }[] = [
        { path: '/api/v1/declarations', headers: JSON_TYPE, body: '{"names": "王明', status: 400 },
        { path: '/api/v1/declarations', headers: JSON_TYPE, body: '[1, 2]', status: 400 },
        { path: '/api/v1/declarations', headers: JSON_TYPE, body: '', status: 400 },
        { path: '/api/v1/declarations', headers: JSON_TYPE, body: JSON.stringify({ ...VALID, orgs: ['army'] }), status: 422 },
        {
          path: '/api/v1/declarations',
          headers: JSON_TYPE,
          body: JSON.stringify({ ...VALID, title: '<script>alert(1)</script>\u202e' }),
          status: 422,
        },
        {
          path: '/api/v1/declarations',
          headers: { 'content-type': 'application/json; charset=gbk' },
          body: JSON.stringify(VALID),
          status: 415,
        },
        { path: '/api/v1/declarations', headers: FORM_TYPE, body: VALID_FORM, status: 415 },
        { path: '/en/declare', headers: FORM_TYPE, body: formBody({ names: '王', orgs: 'party' }).toString(), status: 422 },
        {
          path: '/en/declare',
          headers: FORM_TYPE,
          body: formBody({ names: '王明华', orgs: 'party', action: 'suggest' }).toString(),
          status: 200,
        },
        { path: '/en/declare', headers: FORM_TYPE, body: formBody({ names: '', orgs: 'party', pick: '明德' }).toString(), status: 200 },
        { path: '/en/declare', headers: JSON_TYPE, body: JSON.stringify(VALID), status: 415 },
      ];
      const rowsBefore = await countRows(ctx, 'declarations');
      const before = laneLines().length;
      for (const { path, headers, body, status } of cases) {
        const lane = await post(path, headers, body);
        const app = await viaApp(path, headers, body);
        const label = `${path} ${body.slice(0, 40)}`;
        assert.equal(lane.status, status, label);
        assert.equal(app.status, status, label);
        assert.deepEqual(comparable(lane.headers), comparable(app.headers), label);
        // Suggestions are drawn at random; everything else is the same text.
        if (!body.includes('suggest')) assert.equal(maskReceipt(await lane.text()), maskReceipt(await app.text()), label);
      }
      assert.equal(laneLines().length, before, 'none was answered by the lane');
      assert.equal(await countRows(ctx, 'declarations'), rowsBefore, 'nothing was stored');
    });

    test('bytes that are not UTF-8, a chunked body and a body over the limit take the long way', async () => {
      const before = laneLines().length;
      const rowsBefore = await countRows(ctx, 'declarations');
      const latin1 = Buffer.concat([
        Buffer.from('{"names": "'),
        Buffer.from([0xcd, 0xf5, 0xc3, 0xf7]),
        Buffer.from('", "orgs": ["party"]}'),
      ]);
      const notUtf8 = await fetch(`${server.url}/api/v1/declarations`, { method: 'POST', headers: JSON_TYPE, body: latin1 });
      assert.equal(notUtf8.status, 422);
      assert.equal(((await notUtf8.json()) as { error: { code: string } }).error.code, 'request.invalid');

      const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${server.url}/api/v1/declarations`, { method: 'POST', headers: JSON_TYPE }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.write(JSON.stringify(VALID).slice(0, 10));
        req.end(JSON.stringify(VALID).slice(10));
      });
      assert.equal(chunked.status, 201, 'a chunked submission is still taken, by the app');
      assert.equal(laneLines().length, before, 'the lane left both to the app');

      const huge = await post('/api/v1/declarations', JSON_TYPE, JSON.stringify({ ...VALID, statement: 'x'.repeat(1024 * 1024) }));
      assert.equal(huge.status, 413);
      assert.equal(await countRows(ctx, 'declarations'), rowsBefore + 1, 'only the chunked one was stored');
    });

    test('a client that goes away halfway through its body stores nothing and leaves the server serving', async () => {
      const rowsBefore = await countRows(ctx, 'declarations');
      const { port } = new URL(server.url);
      const body = JSON.stringify(VALID);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /api/v1/declarations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body) + 10}\r\n\r\n${body}`,
          );
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      const after = await post('/api/v1/declarations', JSON_TYPE, JSON.stringify(VALID));
      assert.equal(after.status, 201, 'the next submission is answered');
      assert.equal(await countRows(ctx, 'declarations'), rowsBefore + 1);
    });

    test('a repeated form post with its token, through the lane and the app: one declaration, the first receipt', async () => {
      const rowsBefore = await countRows(ctx, 'declarations');
      const token = 'mibzc5xklanetoken0123456789abc';
      const body = formBody({ names: '王明华', orgs: 'party', submission: token }).toString();
      const numbers: string[] = [];
      for (const send of [post, viaApp, post]) {
        const answer = await send('/en/declare', FORM_TYPE, body);
        assert.equal(answer.status, 303);
        const page = await (await fetch(`${server.url}${answer.headers.get('location')}`)).text();
        numbers.push(/id="registration-number">([^<]+)</.exec(page)![1]!);
      }
      assert.equal(new Set(numbers).size, 1, 'every repeat shows the first receipt');
      assert.equal(await countRows(ctx, 'declarations'), rowsBefore + 1);
    });

    test('Idempotency-Key over real HTTP: the lane and the app give the same 201, and the same 422', async () => {
      const rowsBefore = await countRows(ctx, 'declarations');
      const headers = { ...JSON_TYPE, 'accept-language': 'en', 'idempotency-key': '"5f0c7c1e-6f7b-4c55-9d43-0d7a2b1e9a01"' };
      const first = await post('/api/v1/declarations', headers, JSON.stringify(VALID));
      const again = await viaApp('/api/v1/declarations', headers, JSON.stringify(VALID));
      const third = await post('/api/v1/declarations', headers, JSON.stringify(VALID));
      assert.deepEqual([first.status, again.status, third.status], [201, 201, 201]);
      const body = await first.text();
      assert.equal(await again.text(), body);
      assert.equal(await third.text(), body);
      assert.deepEqual(comparable(first.headers), comparable(again.headers));
      assert.equal(await countRows(ctx, 'declarations'), rowsBefore + 1);

      const other = JSON.stringify({ ...VALID, names: '李平安' });
      const lane = await post('/api/v1/declarations', headers, other);
      const app = await viaApp('/api/v1/declarations', headers, other);
      assert.equal(lane.status, 422);
      assert.equal(app.status, 422);
      assert.deepEqual(comparable(lane.headers), comparable(app.headers));
      const refused = await lane.text();
      assert.equal(refused, await app.text());
      assert.equal((JSON.parse(refused) as { error: { code: string } }).error.code, 'idempotency.keyReused');
      assert.equal(await countRows(ctx, 'declarations'), rowsBefore + 1);

      const unusable = await post('/api/v1/declarations', { ...headers, 'idempotency-key': 'short' }, JSON.stringify(VALID));
      assert.equal(unusable.status, 400);
      assert.equal(((await unusable.json()) as { error: { code: string } }).error.code, 'idempotency.keyInvalid');
      assert.equal(await countRows(ctx, 'declarations'), rowsBefore + 1);
    });

    test('a submission that cannot be stored: a localized 500, nothing half-written, and the error logged', async () => {
      // A real failure inside the intake transaction: the events table is gone.
      const failing = await createTestContext(engine);
      const failingServer = await failing.listen();
      try {
        await failing.services.database.db.schema.dropTable('declaration_events').execute();
        const api = await fetch(`${failingServer.url}/api/v1/declarations`, {
          method: 'POST',
          headers: { ...JSON_TYPE, 'accept-language': 'en' },
          body: JSON.stringify(VALID),
        });
        assert.equal(api.status, 500);
        assert.equal(api.headers.get('cache-control'), 'no-store');
        const body = (await api.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'request.internal');
        assert.match(body.error.message, /[a-z]/i, 'in English, as negotiated');

        const form = await fetch(`${failingServer.url}/zh-hant/declare`, {
          method: 'POST',
          headers: FORM_TYPE,
          body: VALID_FORM,
          redirect: 'manual',
        });
        assert.equal(form.status, 500);
        const page = await form.text();
        assert.match(page, /<html lang="zh-Hant">/);
        assert.doesNotMatch(page, /registration-number/);

        assert.equal(await countRows(failing, 'declarations'), 0, 'the row went with its event');
        const errors = failing.logs.map((line) => JSON.parse(line)).filter((line) => line.msg === 'unhandled error');
        assert.equal(errors.length, 2);
        assert.ok(errors.every((line) => line.route === 'submission' && !('headers' in line)));
      } finally {
        await failingServer.close();
        await failing.close();
      }
    });
  });
}

test('a submission the database stayed too locked to store: a localized 503 with Retry-After, never a 500', async () => {
  const busy = async () => Promise.reject(new DatabaseBusyError());
  const admit = async () => ({ ok: true, admission: 'unproven' });
  const declarations = { submit: busy, submitForm: busy, submitIdempotent: busy, admit } as unknown as DeclarationService;
  const server = createServer(
    submissionsFirst(declarations, (_request, response) => response.writeHead(404).end(), createLogger('silent')),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const api = await fetch(`${url}/api/v1/declarations`, {
      method: 'POST',
      headers: { ...JSON_TYPE, 'accept-language': 'en' },
      body: JSON.stringify(VALID),
    });
    assert.equal(api.status, 503);
    assert.equal(api.headers.get('retry-after'), '10');
    assert.equal(api.headers.get('cache-control'), 'no-store');
    const body = (await api.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'request.busy');
    assert.equal(body.error.message, 'The server is busy and nothing was saved. Please wait a moment and submit again.');
    const form = await fetch(`${url}/zh-hant/declare`, { method: 'POST', headers: FORM_TYPE, body: VALID_FORM });
    assert.equal(form.status, 503);
    assert.equal(form.headers.get('retry-after'), '10');
    assert.match(await form.text(), /系統正忙，這次提交沒有儲存。/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
