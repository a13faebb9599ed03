import type { Locale } from '../../../i18n/index.ts';

/**
 * The words for the total's two parts (docs/history.md) on the statistics and method pages;
 * zh-Hans is the shape the other two must match.
 */
const zhHans = {
  /** The statistics page's lead once part of the total was carried over. */
  intro: (zone: string) =>
    `总数由两部分组成：本站保存的已发表声明，按发表的日期计入；从此前的退党网站公布的每日总数转入的人数，按原网站的日期计入。日期按${zone}划分。`,
  parts: {
    inRegistry: '本站保存的声明',
    carriedOver: '从原退党网站转入',
    total: '合计',
  },
  /** Under the range's summary, when part of it was carried over. */
  rangeSplit: (inRegistry: string, carriedOver: string) =>
    `其中本站保存的声明共 ${inRegistry} 人；另有 ${carriedOver} 人是从此前的退党网站公布的每日总数转入的，本站没有这些人的声明。`,
  byYear: '每年的人数（分两部分）',
  byDay: '每天的人数（分两部分）',
  byMonth: '每月的人数（分两部分）',
  columns: { year: '年份', day: '日期' },
  method: {
    heading: '总数由两部分组成',
    body: (inRegistry: string, carriedOver: string, total: string) => [
      `总数 ${total} 人 = 本站保存的声明中的人数（${inRegistry} 人）+ 从此前的退党网站转入的人数（${carriedOver} 人）。`,
      '本站保存的声明，包括在本站登记的和从原网站档案导入的，按上面说明的规则计数：只计已发表的，撤回的和重复的不计。',
      '转入的人数来自此前的退党网站每天公布的总数。原网站的某一天如果有声明已经导入本站，那一天转入的人数就减去这些声明的人数，最少为 0，所以同一个人不会算两次。首页、接口和各统计页用的都是这同一个总数。',
    ],
    checkHeading: '每一部分能核对什么',
    check: {
      inRegistry: ['本站保存的声明：可以逐份核对。每份已发表的声明都有自己的页面，每日开放数据中的人数就是这些声明的人数相加。'],
      carriedOver: [
        '转入的人数：只能核对它与原网站公布的数字是否一致，以及每天的数字加起来是否等于这一部分的总数。原网站没有公开每一份声明，所以这部分无法逐份核对，也无法由我们查出其中的重复。',
        '我们没有改动原网站的数字：转入时每一行都原样保存，连同它的来源说明；更改任何一天都会记入审计日志。',
      ],
    },
    yearsHeading: '每年的两部分',
    noHistory: '目前没有从原网站转入的数字，总数全部来自本站保存的声明。',
  },
};

type HistoryMessages = typeof zhHans;

const zhHant: HistoryMessages = {
  intro: (zone: string) =>
    `總數由兩部分組成：本站保存的已發表聲明，按發表的日期計入；從此前的退黨網站公佈的每日總數轉入的人數，按原網站的日期計入。日期按${zone}劃分。`,
  parts: {
    inRegistry: '本站保存的聲明',
    carriedOver: '從原退黨網站轉入',
    total: '合計',
  },
  rangeSplit: (inRegistry: string, carriedOver: string) =>
    `其中本站保存的聲明共 ${inRegistry} 人；另有 ${carriedOver} 人是從此前的退黨網站公佈的每日總數轉入的，本站沒有這些人的聲明。`,
  byYear: '每年的人數（分兩部分）',
  byDay: '每天的人數（分兩部分）',
  byMonth: '每月的人數（分兩部分）',
  columns: { year: '年份', day: '日期' },
  method: {
    heading: '總數由兩部分組成',
    body: (inRegistry: string, carriedOver: string, total: string) => [
      `總數 ${total} 人 = 本站保存的聲明中的人數（${inRegistry} 人）+ 從此前的退黨網站轉入的人數（${carriedOver} 人）。`,
      '本站保存的聲明，包括在本站登記的和從原網站檔案匯入的，按上面說明的規則計數：只計已發表的，撤回的和重複的不計。',
      '轉入的人數來自此前的退黨網站每天公佈的總數。原網站的某一天如果有聲明已經匯入本站，那一天轉入的人數就減去這些聲明的人數，最少為 0，所以同一個人不會算兩次。首頁、介面和各統計頁用的都是這同一個總數。',
    ],
    checkHeading: '每一部分能核對什麼',
    check: {
      inRegistry: ['本站保存的聲明：可以逐份核對。每份已發表的聲明都有自己的頁面，每日開放資料中的人數就是這些聲明的人數相加。'],
      carriedOver: [
        '轉入的人數：只能核對它與原網站公佈的數字是否一致，以及每天的數字加起來是否等於這一部分的總數。原網站沒有公開每一份聲明，所以這部分無法逐份核對，也無法由我們查出其中的重複。',
        '我們沒有改動原網站的數字：轉入時每一行都原樣保存，連同它的來源說明；更改任何一天都會記入審計日誌。',
      ],
    },
    yearsHeading: '每年的兩部分',
    noHistory: '目前沒有從原網站轉入的數字，總數全部來自本站保存的聲明。',
  },
};

const en: HistoryMessages = {
  intro: (zone: string) =>
    `The total has two parts: the published statements held here, each counted on the day it was published, and the people carried over from the daily totals the previous Tuidang site published, counted on that site’s dates. Days are days in ${zone}.`,
  parts: {
    inRegistry: 'Statements held here',
    carriedOver: 'Carried over from the previous site',
    total: 'Total',
  },
  rangeSplit: (inRegistry: string, carriedOver: string) =>
    `Of these, ${inRegistry} are in statements held here; ${carriedOver} are carried over from the daily totals the previous Tuidang site published, and their statements are not held here.`,
  byYear: 'People per year, in two parts',
  byDay: 'People per day, in two parts',
  byMonth: 'People per month, in two parts',
  columns: { year: 'Year', day: 'Date' },
  method: {
    heading: 'The total has two parts',
    body: (inRegistry: string, carriedOver: string, total: string) => [
      `The total of ${total} people is the people in statements held here (${inRegistry}) plus the people carried over from the previous Tuidang site (${carriedOver}).`,
      'Statements held here, whether registered here or imported from the old site’s archive, are counted by the rules above: published ones only, without retracted or duplicate ones.',
      'The people carried over come from the totals the previous site published for each day. Where statements of a day have been imported here, that day carries over its total less the people in them, and never less than zero, so nobody is counted twice. The home page, the API and every statistics page show this same total.',
    ],
    checkHeading: 'What you can check about each part',
    check: {
      inRegistry: [
        'Statements held here can be checked one by one: every published statement has its own page, and each day’s figure in the open data is the sum of those statements.',
      ],
      carriedOver: [
        'The people carried over can only be checked against the figures the previous site published, and for adding up: the days sum to this part’s total. The old site never published its statements, so this part cannot be checked statement by statement, and we cannot find duplicates in it.',
        'We did not change the old site’s figures: each day was stored as published, with a note of its source, and any later change to a day is recorded in the audit log.',
      ],
    },
    yearsHeading: 'Both parts, year by year',
    noHistory: 'Nothing has been carried over from the previous site yet: the whole total is in statements held here.',
  },
};

const catalogs: Record<Locale, HistoryMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function historyMessages(locale: Locale): HistoryMessages {
  return catalogs[locale];
}
export type { HistoryMessages };
