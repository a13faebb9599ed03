import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { open, seal } from './seal.ts';

const KEY = randomBytes(32);
const CONTEXT = 'declaration:4111111111111111:contact';

/** Decodes a sealed value, lets `change` alter the bytes, and encodes it again. */
function tampered(sealed: string, change: (bytes: Buffer) => void): string {
  const [version, payload] = sealed.split('.');
  const bytes = Buffer.from(payload!, 'base64');
  change(bytes);
  return `${version}.${bytes.toString('base64')}`;
}

describe('seal and open', () => {
  it('round-trips Unicode text', () => {
    for (const text of ['someone@example.org', '张三 <zhang@例子.中国>', '😀 café\u0301 \u0000 end', '', 'x'.repeat(10_000)]) {
      const sealed = seal(KEY, text, CONTEXT);
      assert.equal(open(KEY, sealed, CONTEXT), text);
    }
  });

  it('produces a versioned value that does not reveal the plaintext', () => {
    const sealed = seal(KEY, 'someone@example.org', CONTEXT);
    assert.match(sealed, /^v1\.[A-Za-z0-9+/]+=*$/);
    assert.ok(!sealed.includes('someone'));
    assert.ok(!Buffer.from(sealed.slice(3), 'base64').includes(Buffer.from('someone')));
  });

  it('gives a different value each time for the same text', () => {
    const values = new Set(Array.from({ length: 100 }, () => seal(KEY, 'same text', CONTEXT)));
    assert.equal(values.size, 100);
  });

  it('throws with the wrong key', () => {
    const sealed = seal(KEY, 'secret', CONTEXT);
    assert.throws(() => open(randomBytes(32), sealed, CONTEXT));
  });

  it('throws with the wrong context', () => {
    const sealed = seal(KEY, 'secret', CONTEXT);
    assert.throws(() => open(KEY, sealed, 'declaration:5555555555554444:contact'));
    assert.throws(() => open(KEY, sealed, ''));
  });

  it('throws when any byte of the payload is flipped (nonce, tag or ciphertext)', () => {
    const sealed = seal(KEY, 'secret text', CONTEXT);
    const length = Buffer.from(sealed.slice(3), 'base64').length;
    assert.equal(length, 12 + 16 + 'secret text'.length);
    for (let index = 0; index < length; index++) {
      const changed = tampered(sealed, (bytes) => {
        bytes[index]! ^= 0x01;
      });
      assert.throws(() => open(KEY, changed, CONTEXT), `flipped byte ${index} was accepted`);
    }
  });

  it('throws when the payload is truncated or extended', () => {
    const sealed = seal(KEY, 'secret text', CONTEXT);
    assert.throws(() => open(KEY, tampered(sealed, () => {}).slice(0, -4), CONTEXT));
    assert.throws(() =>
      open(
        KEY,
        `${sealed.slice(0, 3)}${Buffer.concat([Buffer.from(sealed.slice(3), 'base64'), Buffer.from([0])]).toString('base64')}`,
        CONTEXT,
      ),
    );
    assert.throws(() => open(KEY, 'v1.', CONTEXT));
  });

  it('throws for an unknown version prefix or no prefix', () => {
    const sealed = seal(KEY, 'secret', CONTEXT);
    const payload = sealed.slice('v1.'.length);
    assert.throws(() => open(KEY, `v2.${payload}`, CONTEXT), /unknown sealed value format/);
    assert.throws(() => open(KEY, `V1.${payload}`, CONTEXT), /unknown sealed value format/);
    assert.throws(() => open(KEY, payload, CONTEXT), /unknown sealed value format/);
    assert.throws(() => open(KEY, '', CONTEXT), /unknown sealed value format/);
  });
});
