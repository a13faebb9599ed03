import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MyTallies } from './views/my-tallies.tsx';
import { testEngines } from '../../../../test/helpers/databases.ts';
import { signInAs, type StaffClient } from '../../../../test/helpers/console.ts';
import { batchConsole, batchFields, type RowSpec } from '../../../../test/helpers/console-batch.ts';

for (const engine of testEngines()) {
  describe(`console batch tallies (${engine})`, () => {
    const batch = batchConsole(engine);
    const { as } = batch;

    test('a center admin sees each volunteer’s totals for the center', async () => {
      const at = new Date().toISOString();
      const newCenter = (name: string, city: string) =>
        batch.ctx.services.database.db
          .insertInto('centers')
          .values({ name, city, country: 'CA', hotlines: '[]', languages: '中文', is_public: 1, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
      const center = await newCenter('多伦多中心', 'Toronto');
      const other = await newCenter('温哥华中心', 'Vancouver');
      const first = await signInAs(batch.ctx, 'volunteer', { trusted: true, centerId: center.id });
      const second = await signInAs(batch.ctx, 'volunteer', { centerId: center.id });
      const idle = await signInAs(batch.ctx, 'volunteer', { centerId: center.id });
      const elsewhere = await signInAs(batch.ctx, 'volunteer', { centerId: other.id });
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const enter = async (staff: StaffClient, rows: RowSpec[]) =>
        assert.equal((await as(staff).post('/console/batch', batchFields(rows, { conversationDate: today }))).status, 200);
      await enter(first, [
        { name: '多伦甲', orgs: ['party'], headcount: '2' },
        { name: '多伦乙', orgs: ['league'] },
      ]);
      await enter(second, [{ name: '多伦丙', orgs: ['pioneers'], headcount: '4' }]);
      await enter(elsewhere, [{ name: '纽约丁', orgs: ['party'] }]);

      const admin = as(await signInAs(batch.ctx, 'center_admin', { centerId: center.id }));
      const response = await admin.get('/console/stats/center');
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /中心统计/);
      const row = (staffId: number) =>
        new RegExp(`<tr data-staff-id="${staffId}"><th scope="row">[^<]+</th>((?:<td>[^<]*</td>)+)</tr>`).exec(html)?.[1];
      assert.equal(row(first.staffId), '<td>2</td><td>3</td><td>2</td><td>3</td>');
      assert.equal(row(second.staffId), '<td>1</td><td>4</td><td>1</td><td>4</td>');
      assert.equal(row(idle.staffId), '<td>0</td><td>0</td><td>0</td><td>0</td>', 'a volunteer who entered nothing yet');
      assert.equal(row(elsewhere.staffId), undefined, 'another center’s volunteer is not listed');
      assert.match(html, /<tfoot><tr><th scope="row">合计<\/th><td>3<\/td><td>7<\/td><td>3<\/td><td>7<\/td><\/tr><\/tfoot>/);

      const volunteer = as(first);
      assert.equal((await volunteer.get('/console/stats/center')).status, 403, 'a volunteer sees only their own tallies');
      const auditor = as(await signInAs(batch.ctx, 'auditor', { centerId: center.id }));
      assert.match(await (await auditor.get('/console/stats/center')).text(), new RegExp(`data-staff-id="${first.staffId}"`));
      const everywhere = await (await as(await signInAs(batch.ctx, 'admin')).get('/console/stats/center?lang=en')).text();
      assert.match(
        everywhere,
        new RegExp(`<tr data-staff-id="${elsewhere.staffId}"><th scope="row">[^<]+</th><td>温哥华中心</td><td>1</td>`),
        'a global admin sees every center, by name',
      );
    });
  });
}

describe('MyTallies', () => {
  const tallies = {
    today: { declarations: 3, people: 5 },
    thisMonth: { declarations: 40, people: 61 },
    allTime: { declarations: 1234, people: 2001 },
    pending: 2,
  };

  test('shows today, this month and all time, declarations and people, and what waits', () => {
    const html = String(MyTallies({ tallies, locale: 'zh-hans' }));
    assert.match(html, /<h2 id="my-tallies-heading">我录入的声明<\/h2>/);
    assert.match(html, /<tr data-period="today"><th scope="row">今天<\/th><td>3<\/td><td>5<\/td><\/tr>/);
    assert.match(html, /<tr data-period="month"><th scope="row">本月<\/th><td>40<\/td><td>61<\/td><\/tr>/);
    assert.match(html, /<tr data-period="all"><th scope="row">累计<\/th><td>1,234<\/td><td>2,001<\/td><\/tr>/);
    assert.match(html, /您录入的声明中，有 2 份正在等待编辑审核。/);
  });

  test('in traditional Chinese and English too', () => {
    assert.match(String(MyTallies({ tallies, locale: 'zh-hant' })), /我錄入的聲明.*累計.*您錄入的聲明中，有 2 份正在等待編輯審核。/s);
    const english = String(MyTallies({ tallies: { ...tallies, pending: 1 }, locale: 'en' }));
    assert.match(english, /Declarations I entered.*This month.*1,234.*1 of the declarations you entered is waiting for an editor\./s);
    assert.match(
      String(MyTallies({ tallies: { ...tallies, pending: 0 }, locale: 'en' })),
      /None of the declarations you entered is waiting for review\./,
    );
  });
});
