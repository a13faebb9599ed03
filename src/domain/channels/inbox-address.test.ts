import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { centerOfDefault, classifyRecipient, defaultLocalPart, localPartProblem } from './inbox-address.ts';

describe('inbox addresses', () => {
  test('a center answers to center-<id> until it chooses another', () => {
    assert.equal(defaultLocalPart(7), 'center-7');
    assert.equal(centerOfDefault('center-7'), 7);
    assert.equal(centerOfDefault('center-07'), null);
    assert.equal(centerOfDefault('newyork'), null);
    assert.equal(centerOfDefault('center-2147483647'), 2147483647);
    assert.equal(centerOfDefault('center-2147483648'), null);
  });

  test('a chosen local part is plain, not reserved, and not another center’s default', () => {
    assert.equal(localPartProblem('newyork', 3), null);
    assert.equal(localPartProblem('ny-center.2', 3), null);
    assert.equal(localPartProblem('center-3', 3), null);
    assert.equal(localPartProblem('center-4', 3), 'channels.addressReserved');
    assert.equal(localPartProblem('postmaster', 3), 'channels.addressReserved');
    assert.equal(localPartProblem('bounces', 3), 'channels.addressReserved');
    for (const bad of ['', '-ny', 'ny-', 'a..b', 'New York', 'ny+x', '纽约', 'x'.repeat(41)]) {
      assert.equal(localPartProblem(bad, 3), 'channels.addressInvalid', bad);
    }
  });

  test('recipients: a center, a bounce of the newsletter, or somebody else’s (never relayed)', () => {
    assert.deepEqual(classifyRecipient('NewYork@Inbox.Example.org', 'inbox.example.org'), { kind: 'center', local: 'newyork' });
    assert.deepEqual(classifyRecipient('bounces+AbC_123-xyz@inbox.example.org', 'inbox.example.org'), {
      kind: 'bounce',
      token: 'AbC_123-xyz',
    });
    assert.deepEqual(classifyRecipient('bounces+x@inbox.example.org', 'inbox.example.org'), { kind: 'foreign' });
    assert.deepEqual(classifyRecipient('newyork@example.com', 'inbox.example.org'), { kind: 'foreign' });
    assert.deepEqual(classifyRecipient('newyork@inbox.example.org.evil.com', 'inbox.example.org'), { kind: 'foreign' });
    assert.deepEqual(classifyRecipient('"a b"@inbox.example.org', 'inbox.example.org'), { kind: 'foreign' });
  });
});
