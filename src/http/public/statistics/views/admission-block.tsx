import type { Locale } from '../../../../i18n/index.ts';
import type { AdmissionCount } from '../../../../services/flood/admission-counts.ts';
import { fullCount } from '../../../../domain/counter/format-count.ts';

/** The block's words; zh-Hans is the shape the other two must match. */
const zhHans = {
  heading: '按来源统计',
  intro: '已发表的声明按进入登记的方式分类。没有完成工作量证明的网上提交受更严格的限制，单独列出，方便大家自行判断。',
  classColumn: '来源',
  statementsColumn: '声明',
  peopleColumn: '人数',
  classes: {
    public: '网上提交（完成工作量证明）',
    unproven: '网上提交（未经工作量证明：未开启 JavaScript 或 API）',
    volunteer: '义工录入，经编辑审核',
    trusted: '可信义工录入',
    imported: '从旧站导入',
  },
  asOf: '最多延迟五分钟。',
};

type AdmissionMessages = typeof zhHans;

const zhHant: AdmissionMessages = {
  heading: '按來源統計',
  intro: '已發表的聲明按進入登記的方式分類。沒有完成工作量證明的網上提交受更嚴格的限制，單獨列出，方便大家自行判斷。',
  classColumn: '來源',
  statementsColumn: '聲明',
  peopleColumn: '人數',
  classes: {
    public: '網上提交（完成工作量證明）',
    unproven: '網上提交（未經工作量證明：未開啟 JavaScript 或 API）',
    volunteer: '義工錄入，經編輯審核',
    trusted: '可信義工錄入',
    imported: '從舊站匯入',
  },
  asOf: '最多延遲五分鐘。',
};

const en: AdmissionMessages = {
  heading: 'By how they came in',
  intro:
    'Published declarations by the way they entered the registry. Online submissions without a proof of work face stricter limits and are listed apart, so anyone can weigh them.',
  classColumn: 'Came in',
  statementsColumn: 'Declarations',
  peopleColumn: 'People',
  classes: {
    public: 'Online, with proof of work',
    unproven: 'Online, without proof of work (no JavaScript, or the API)',
    volunteer: 'Entered by a volunteer, reviewed by an editor',
    trusted: 'Entered by a trusted volunteer',
    imported: 'Imported from the old site',
  },
  asOf: 'Up to five minutes behind.',
};

const MESSAGES: Record<Locale, AdmissionMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

/** The published count per admission class (docs/security.md, "Admission classes"), as a plain table. */
export function AdmissionBlock({ locale, counts }: { locale: Locale; counts: readonly AdmissionCount[] }) {
  const m = MESSAGES[locale];
  return (
    <section class="counter" aria-labelledby="admission-heading" id="admission">
      <h2 id="admission-heading">{m.heading}</h2>
      <p>{m.intro}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{m.classColumn}</th>
            <th scope="col">{m.statementsColumn}</th>
            <th scope="col">{m.peopleColumn}</th>
          </tr>
        </thead>
        <tbody>
          {counts.map((row) => (
            <tr>
              <th scope="row">{m.classes[row.admission]}</th>
              <td>{fullCount(row.statements, locale)}</td>
              <td>{fullCount(row.people, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">{m.asOf}</p>
    </section>
  );
}
