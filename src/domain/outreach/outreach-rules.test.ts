import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { campaignInputSchema } from './campaign-input.ts';
import { CONTACT_STATUSES, CONTACT_TRANSITIONS, statusesBefore } from './contact-status.ts';
import { readContactRow } from './contact-row.ts';
import { DEFAULT_CONSEQUENCES, OUTCOMES, applyOutcome, consequenceOverridesSchema } from './outcomes.ts';
import { toE164 } from './phone.ts';
import { scriptSchema } from './script.ts';
import { parseScriptText, scriptText } from './script-text.ts';

describe('phone numbers', () => {
  test('mainland numbers in every usual spelling become one E.164 number', () => {
    for (const spelling of [
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '0086 13800138000',
      '＋８６１３８００１３８０００',
      ' +86 (138) 0013-8000 ',
    ]) {
      assert.equal(toE164(spelling), '+8613800138000', spelling);
    }
    assert.equal(toE164('010 6552 9988'), '+861065529988', 'a Beijing landline with its trunk prefix');
    assert.equal(toE164('+1 415 555 2671'), '+14155552671');
    assert.equal(toE164('00886 2 2345 6789'), '+886223456789');
  });

  test('refuses what is not a number of a real plan', () => {
    for (const bad of [
      '',
      '12345',
      '+86 138',
      'tel:13800138000',
      '138001380001234567890',
      '<b>13800138000</b>',
      '1'.repeat(41),
      '+999 1234567',
    ]) {
      assert.equal(toE164(bad), null, bad);
    }
  });
});

describe('contact rows', () => {
  test('checks every field and keeps text as text', () => {
    const read = readContactRow({ phone: '13800138000', name: ' <i>王</i> ', notes: 'a\r\nb' });
    assert.deepEqual(read, {
      row: { phone: '+8613800138000', name: '<i>王</i>', title: null, organisation: null, region: null, notes: 'a\nb' },
    });
    assert.deepEqual(readContactRow({ phone: '13800138000', name: 'a\u202Eb' }), {
      problem: { field: 'name', code: 'text.bidi', params: { max: 60 } },
    });
    assert.deepEqual(readContactRow({ phone: '13800138000', title: 'x\ny' }), {
      problem: { field: 'title', code: 'text.control', params: { max: 100 } },
    });
    assert.deepEqual(readContactRow({ name: '王' }), { problem: { field: 'phone', code: 'outreach.phoneMissing', params: {} } });
  });
});

describe('contact statuses', () => {
  test('every transition names known statuses, and suppression is final', () => {
    for (const [from, targets] of Object.entries(CONTACT_TRANSITIONS)) {
      assert.ok(CONTACT_STATUSES.includes(from as never));
      for (const to of targets) assert.ok(CONTACT_STATUSES.includes(to));
    }
    assert.deepEqual(CONTACT_TRANSITIONS.suppressed, []);
    assert.deepEqual(statusesBefore('open'), ['staged', 'open', 'callback']);
    assert.deepEqual(statusesBefore('suppressed'), ['staged', 'open', 'callback', 'closed']);
  });
});

describe('outcomes', () => {
  const now = new Date('2026-12-07T02:00:00Z');
  const at = (attempts: number, callbackAt: Date | null = null) => ({ now, attempts, caller: 7, callbackAt });

  test('every outcome has a default consequence', () => {
    assert.deepEqual(Object.keys(DEFAULT_CONSEQUENCES).sort(), [...OUTCOMES].sort());
  });

  test('each consequence moves the contact as configured', () => {
    assert.deepEqual(applyOutcome('noAnswer', {}, at(1)), {
      status: 'open',
      nextAttemptAt: new Date('2026-12-07T06:00:00Z'),
      callbackFor: null,
      doNotCall: false,
    });
    assert.equal(applyOutcome('noAnswer', {}, at(5)).status, 'closed', 'the fifth unanswered call closes');
    assert.equal(
      applyOutcome('busy', { busy: { kind: 'retry', afterHours: 2, maxAttempts: 2 } }, at(1)).nextAttemptAt?.toISOString(),
      '2026-12-07T04:00:00.000Z',
    );
    assert.equal(applyOutcome('refused', {}, at(1)).status, 'closed');
    assert.equal(applyOutcome('hostile', {}, at(1)).status, 'suppressed');
    assert.deepEqual(applyOutcome('doNotCall', {}, at(1)), {
      status: 'suppressed',
      nextAttemptAt: null,
      callbackFor: null,
      doNotCall: true,
    });
    const callback = new Date('2026-12-08T01:00:00Z');
    assert.deepEqual(applyOutcome('callbackRequested', {}, at(1, callback)), {
      status: 'callback',
      nextAttemptAt: callback,
      callbackFor: 7,
      doNotCall: false,
    });
    assert.equal(
      applyOutcome('callbackRequested', { callbackRequested: { kind: 'callback', for: 'center' } }, at(1, callback)).callbackFor,
      null,
    );
    assert.equal(applyOutcome('wantsMaterials', { wantsMaterials: { kind: 'callback', for: 'me' } }, at(1, callback)).status, 'callback');
  });

  test('a campaign cannot change what declared, do-not-call and callback requests do', () => {
    assert.equal(consequenceOverridesSchema.safeParse({ doNotCall: { kind: 'close' } }).success, false);
    assert.equal(consequenceOverridesSchema.safeParse({ declared: { kind: 'retry', afterHours: 1, maxAttempts: 2 } }).success, false);
    assert.equal(consequenceOverridesSchema.safeParse({ callbackRequested: { kind: 'close' } }).success, false);
    assert.equal(consequenceOverridesSchema.safeParse({ refused: { kind: 'retry', afterHours: 72, maxAttempts: 2 } }).success, true);
    assert.equal(consequenceOverridesSchema.safeParse({ refused: { kind: 'retry', afterHours: 0, maxAttempts: 2 } }).success, false);
  });
});

describe('scripts', () => {
  const script = {
    opening: '您好，我是……',
    start: 'heard',
    questions: [
      {
        id: 'heard',
        text: '您听说过三退吗？',
        answers: [
          { id: 'yes', label: '听说过', next: 'quit' },
          { id: 'no', label: '没有', next: null },
        ],
      },
      { id: 'quit', text: '愿意声明退出吗？', answers: [{ id: 'yes', label: '愿意', next: null }] },
    ],
  };

  test('accepts a tree walked from its start', () => {
    assert.equal(scriptSchema.safeParse(script).success, true);
    assert.equal(scriptSchema.safeParse({ opening: '您好', start: null, questions: [] }).success, true);
  });

  test('refuses cycles, dangling answers, repeated ids and unsafe text', () => {
    const cyclic = structuredClone(script);
    cyclic.questions[1]!.answers[0]!.next = 'heard';
    const dangling = structuredClone(script);
    dangling.questions[1]!.answers[0]!.next = 'nowhere';
    const repeated = structuredClone(script);
    repeated.questions[1]!.id = 'heard';
    const unsafe = { ...script, opening: 'a\u202Eb' };
    for (const bad of [cyclic, dangling, repeated, unsafe, { ...script, start: 'nowhere' }, 'not a script']) {
      assert.equal(scriptSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe('campaign settings', () => {
  const form = {
    name: '外呼',
    centerId: '1',
    startsOn: '2026-12-01',
    endsOn: '2026-12-31',
    callingFrom: '09:00',
    callingUntil: '20:00',
    timeZone: '',
    retentionDays: '',
    leaseSize: '',
    leaseHours: '',
  };

  test('fills the defaults the form leaves empty', () => {
    const parsed = campaignInputSchema.parse(form);
    assert.deepEqual([parsed.timeZone, parsed.retentionDays, parsed.leaseSize, parsed.leaseHours], ['Asia/Shanghai', 90, 25, 24]);
  });

  test('refuses impossible dates, hours and zones', () => {
    const codes = (input: object) => {
      const parsed = campaignInputSchema.safeParse({ ...form, ...input });
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    };
    assert.deepEqual(codes({ endsOn: '2026-11-30' }), ['outreach.endsBeforeStart']);
    assert.deepEqual(codes({ startsOn: '2026-02-30' }), ['date.invalid']);
    assert.deepEqual(codes({ callingUntil: '08:00' }), ['outreach.hoursInvalid']);
    assert.ok(codes({ callingFrom: '25:00' }).every((code) => code === 'outreach.hoursInvalid'));
    assert.deepEqual(codes({ timeZone: 'Mars/Olympus' }), ['outreach.timeZoneInvalid']);
    assert.deepEqual(codes({ leaseSize: '1000' }), ['outreach.numberRange']);
    assert.deepEqual(codes({ name: '<script>' }), []);
  });
});

describe('scripts as text', () => {
  const text =
    '您好，我是……\n今天打电话是想告诉您\n? heard: 您听说过三退吗？\n- yes: 听说过 -> quit\n- no：没有\n? quit: 愿意声明退出吗？\n- yes: 愿意\n- no: 不愿意';

  test('reads questions, answers and where they lead, and writes the same text back', () => {
    const parsed = parseScriptText(text);
    assert.ok(parsed.ok);
    assert.equal(parsed.script.opening, '您好，我是……\n今天打电话是想告诉您');
    assert.equal(parsed.script.start, 'heard');
    assert.deepEqual(parsed.script.questions[0]!.answers, [
      { id: 'yes', label: '听说过', next: 'quit' },
      { id: 'no', label: '没有', next: null },
    ]);
    assert.deepEqual(parseScriptText(scriptText(parsed.script)), parsed);
  });

  test('names the line it cannot read, and refuses what the schema refuses', () => {
    assert.deepEqual(parseScriptText('开场\n- yes: 是'), { ok: false, line: 2 });
    assert.deepEqual(parseScriptText('开场\n? q: 问题\n- a: 答\n多余的一行'), { ok: false, line: 4 });
    assert.deepEqual(parseScriptText('开场\n? q: 问题\n- a: 答 -> q'), { ok: false, line: null }, 'a cycle');
    assert.deepEqual(parseScriptText('开场\n? Q!: 问题'), { ok: false, line: null }, 'an id of other characters');
  });
});
