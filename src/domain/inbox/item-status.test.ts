import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ITEM_STATUSES, ITEM_TRANSITIONS, canMove, listedStatus, statusesBefore } from './item-status.ts';

describe('inbound item statuses', () => {
  test('every transition names a known status', () => {
    for (const from of ITEM_STATUSES) {
      for (const to of ITEM_TRANSITIONS[from]) assert.ok(ITEM_STATUSES.includes(to), `${from} → ${to}`);
    }
  });

  test('converted and discarded are final', () => {
    for (const to of ITEM_STATUSES) {
      assert.equal(canMove('converted', to), false, `converted → ${to}`);
      assert.equal(canMove('discarded', to), false, `discarded → ${to}`);
    }
  });

  test('nothing returns to new except a snoozed item waking', () => {
    assert.deepEqual(statusesBefore('new'), ['snoozed']);
  });

  test('an open item can be converted, discarded or snoozed from any open status', () => {
    for (const to of ['converted', 'discarded', 'snoozed'] as const) {
      assert.deepEqual(statusesBefore(to), ['new', 'in_progress', 'snoozed'], to);
    }
  });

  test('taking or assigning starts from new or in progress, never from a closed or snoozed item', () => {
    assert.deepEqual(statusesBefore('in_progress'), ['new', 'in_progress']);
  });

  test('a snoozed item is listed as new once its time has passed', () => {
    const until = new Date('2026-12-07T08:00:00Z');
    assert.equal(listedStatus({ status: 'snoozed', snoozedUntil: until }, new Date('2026-12-07T07:59:59Z')), 'snoozed');
    assert.equal(listedStatus({ status: 'snoozed', snoozedUntil: until }, until), 'new');
    assert.equal(listedStatus({ status: 'in_progress', snoozedUntil: null }, until), 'in_progress');
  });
});
