import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EntryCache } from '../../../src/http/public/archive/views/entry-cache.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';
import type { ArchiveItem } from '../../../src/services/archive-service.ts';
import { testEngines } from '../../helpers/databases.ts';
import { harness, type Harness, type Published } from './harness.ts';

const item = (fields: Partial<ArchiveItem> = {}): ArchiveItem => ({
  registrationNumber: '2026120700000001',
  names: ['平安'],
  headcount: 1,
  orgs: ['party'],
  title: '声明',
  region: '广东',
  statement: '退出',
  behalf: 'self',
  publishedAt: new Date(Date.UTC(2026, 11, 7)),
  countedDay: '2026-12-07',
  featuredOn: null,
  ...fields,
});
const text = (html: string) => html;

describe('kept list entries', () => {
  test('a row is rendered once per locale and level, and again when anything it shows changes', () => {
    const cache = new EntryCache(1 << 20);
    const first = cache.html(item(), 'zh-hant', 2);
    assert.equal(cache.html(item(), 'zh-hant', 2), first, 'the kept bytes');
    assert.notEqual(text(cache.html(item(), 'zh-hans', 2)), text(first));
    assert.match(text(cache.html(item(), 'zh-hant', 3)), /^<article><h3>/);
    const changes: Partial<ArchiveItem>[] = [
      { names: ['平安', '明德'] },
      { headcount: 2 },
      { orgs: ['party', 'league'] },
      { title: null },
      { title: '另一个标题' },
      { region: null },
      { statement: '退出（已删除）' },
      { statement: null },
      { countedDay: '2026-12-06' },
      { registrationNumber: '2026120700000002' },
    ];
    for (const change of changes) assert.notEqual(text(cache.html(item(change), 'zh-hant', 2)), text(first), JSON.stringify(change));
  });

  test('what it keeps stays within its budget in bytes', () => {
    const budget = 64 * 1024;
    const cache = new EntryCache(budget);
    for (let i = 0; i < 2000; i++) {
      cache.html(item({ registrationNumber: String(i), statement: '退'.repeat(i % 300) }), 'en', 2);
      assert.ok(cache.bytes <= budget, `${cache.bytes} bytes after ${i + 1} entries`);
    }
    // The rows asked for just now are still there: the same bytes, not a new render.
    const recent = item({ registrationNumber: '1999', statement: '退'.repeat(1999 % 300) });
    assert.equal(cache.html(recent, 'en', 2), cache.html(recent, 'en', 2));
  });
});

for (const engine of testEngines()) {
  describe(`kept entries never outlive what they show (${engine})`, () => {
    let h: Harness;
    let shown: Published;
    before(async () => {
      h = await harness(engine);
      [shown] = (await h.publish([{ names: '平安', title: '原来的标题', statement: '原来的话' }])) as [Published];
      await h.setDay(shown, '2025-05-02');
    });
    after(() => h.close());

    const pages = () => [
      '/zh-hant/days/2025-05-02',
      '/en/days/2025-05-02',
      `/zh-hans/search?q=${encodeURIComponent('平安')}`,
      `/en/search?q=${encodeURIComponent('平安')}`,
    ];

    test('a redaction shows at once on every page that lists the row; a retraction takes it off them', async () => {
      for (const path of pages()) assert.match(await h.html(path), /原來的話|原来的话/, path);
      const redacted = await h.ctx.services.moderation.redact(SYSTEM_ACTOR, shown.registrationNumber, {
        title: '原来的标题',
        statement: '[已删除]',
      });
      assert.equal(redacted.ok, true);
      for (const path of pages()) {
        const html = await h.html(path);
        assert.doesNotMatch(html, /原來的話|原来的话/, path);
        assert.match(html, /\[已删除\]|\[已刪除\]/, path);
      }
      await h.retract(shown);
      for (const path of pages()) assert.ok(!(await h.html(path)).includes(shown.registrationNumber), path);
    });
  });
}
