import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const SECRET = 's3cret-of-the-center';
const BODY = new TextEncoder().encode('caller=%2B8613800000000&transcript=%E4%BD%A0%E5%A5%BD');
const NOW = Date.UTC(2026, 11, 7, 2, 0, 0);
const T = NOW / 1000;

describe('voicemail webhook signatures', () => {
  test('a signature over t + "." + the raw body, under the secret, passes', () => {
    const hex = createHmac('sha256', SECRET).update(`${T}.`).update(BODY).digest('hex');
    assert.equal(signWebhook(SECRET, T, BODY), `t=${T},v1=${hex}`);
    assert.deepEqual(verifyWebhookSignature(`t=${T},v1=${hex}`, SECRET, BODY, NOW), { ok: true, signature: hex });
  });

  test('a wrong secret, another body, a changed time or a malformed header fails', () => {
    const good = signWebhook(SECRET, T, BODY);
    assert.deepEqual(verifyWebhookSignature(signWebhook('other', T, BODY), SECRET, BODY, NOW), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifyWebhookSignature(good, SECRET, new TextEncoder().encode('caller=1'), NOW), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifyWebhookSignature(good.replace(`t=${T}`, `t=${T + 1}`), SECRET, BODY, NOW), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifyWebhookSignature(undefined, SECRET, BODY, NOW), { ok: false, reason: 'missing' });
    for (const header of [`v1=${good.split('v1=')[1]}`, `t=${T},v1=abc`, `t=x,v1=${'0'.repeat(64)}`, `${good},v2=00`]) {
      assert.deepEqual(verifyWebhookSignature(header, SECRET, BODY, NOW), { ok: false, reason: 'malformed' }, header);
    }
  });

  test('a time more than five minutes away, either way, is stale', () => {
    assert.equal(verifyWebhookSignature(signWebhook(SECRET, T - 300, BODY), SECRET, BODY, NOW).ok, true);
    assert.equal(verifyWebhookSignature(signWebhook(SECRET, T + 300, BODY), SECRET, BODY, NOW).ok, true);
    assert.deepEqual(verifyWebhookSignature(signWebhook(SECRET, T - 301, BODY), SECRET, BODY, NOW), { ok: false, reason: 'stale' });
    assert.deepEqual(verifyWebhookSignature(signWebhook(SECRET, T + 301, BODY), SECRET, BODY, NOW), { ok: false, reason: 'stale' });
  });
});
