import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { staffLabel } from '../staff-auth-service.ts';
import { testEngines } from '../../../test/helpers/databases.ts';
import { moderationFixture, type ModerationFixture } from '../../../test/helpers/moderation-fixture.ts';

for (const engine of testEngines()) {
  describe(`moderation redaction (${engine})`, () => {
    let f: ModerationFixture;
    beforeEach(async () => {
      f = await moderationFixture(engine);
    });
    afterEach(() => f.ctx.close());

    test('redact replaces text and keeps the original only in the audit log', async () => {
      const { db, moderation, editor, row, declare, events, snapshot } = f;
      const receipt = await declare({ title: '我叫张三，电话 13800000000', statement: '住在某某街 5 号\n退出共产党' });
      const result = await moderation.redact(editor, receipt.registrationNumber, {
        title: '  声明退出中国共产党  ',
        statement: '住在[已删除]\n退出共产党',
      });
      assert.deepEqual(result, { ok: true, value: { registrationNumber: receipt.registrationNumber, changed: ['title', 'statement'] } });
      let declaration = await row(receipt.registrationNumber);
      assert.equal(declaration.title, '声明退出中国共产党');
      assert.equal(declaration.statement, '住在[已删除]\n退出共产党');
      assert.equal(declaration.status, 'pending', 'redaction is not a status change');
      assert.equal((await events(receipt.registrationNumber)).length, 1);

      let [entry] = await f.audit.list(db, { action: 'declaration.redacted', limit: 1 });
      assert.equal(entry!.targetId, receipt.registrationNumber);
      assert.equal(entry!.actor, staffLabel(editor));
      assert.deepEqual(entry!.details, {
        fields: ['title', 'statement'],
        original: { title: '我叫张三，电话 13800000000', statement: '住在某某街 5 号\n退出共产党' },
      });

      // The statement may be removed altogether; the unchanged title is not recorded.
      const removed = await moderation.redact(editor, receipt.registrationNumber, { title: '声明退出中国共产党', statement: null });
      assert.deepEqual(removed, { ok: true, value: { registrationNumber: receipt.registrationNumber, changed: ['statement'] } });
      declaration = await row(receipt.registrationNumber);
      assert.equal(declaration.statement, null);
      [entry] = await f.audit.list(db, { action: 'declaration.redacted', limit: 1 });
      assert.deepEqual(entry!.details, { fields: ['statement'], original: { statement: '住在[已删除]\n退出共产党' } });

      const before = await snapshot();
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { statement: null }), {
        ok: true,
        value: { registrationNumber: receipt.registrationNumber, changed: [] },
      });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, {}), { ok: false, error: 'request.invalid' });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { title: '  ' }), {
        ok: false,
        error: 'text.invalid',
      });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { title: 'a\u202Eb' }), {
        ok: false,
        error: 'text.bidi',
      });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { title: 'x'.repeat(101) }), {
        ok: false,
        error: 'text.tooLong',
      });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { statement: 'a\u0000b' }), {
        ok: false,
        error: 'text.control',
      });
      assert.deepEqual(await moderation.redact(editor, '4111111111111111', { title: 'x' }), {
        ok: false,
        error: 'request.notFound',
      });
      assert.deepEqual(await snapshot(), before);
      assert.equal((await f.audit.verify(db)).brokenAt, null);
    });
  });
}
