import type { Locale } from '../../../i18n/index.ts';

/** The archive's words (lists, day pages, selection, search, feeds); zh-Hans is the shape the other two must match. */
const zhHans = {
  nav: { label: '声明档案', latest: '最新声明', featured: '每日精选', search: '搜索', today: '今天' },
  latest: {
    title: '最新声明',
    intro: (zone: string) => `已经发表的三退声明，最新的在前。日期均为${zone}。`,
    empty: '目前还没有发表的声明。',
  },
  day: {
    title: (date: string) => `${date}发表的声明`,
    intro: (zone: string) => `日期按${zone}划分，从 0 点到 24 点，与首页的每日数字一致。`,
    previous: '前一天',
    next: '后一天',
    empty: '这一天没有发表的声明。',
  },
  featured: {
    title: '每日精选',
    intro: (zone: string) => `编辑每天从发表的声明中选出几篇，按精选日期排列，最近的在前。日期均为${zone}。`,
    empty: '目前还没有精选的声明。',
    dayHeading: (date: string) => `${date}精选`,
  },
  search: {
    title: '搜索声明',
    query: '搜索内容',
    field: '搜索范围',
    fields: { alias: '署名', title: '标题', region: '地区' },
    mode: '署名的查找方式',
    modes: { exact: '名字完全相同', prefix: '名字以此开头' },
    submit: '搜索',
    hint: '简体、繁体都可以。按署名只查第一个名字；按标题或地区查找，请至少输入两个字。',
    results: (q: string) => `“${q}”的搜索结果`,
    none: '没有找到相符的声明。',
    noneInRange: '这一批里没有相符的声明，还可以继续往前查找。',
    more: '继续查找更早的声明',
    empty: '请输入要搜索的内容。',
    tooShort: (min: number) => `按标题或地区搜索，请至少输入 ${min} 个字。`,
    tooLong: (max: number) => `搜索内容太长，最多 ${max} 个字。`,
  },
  older: '更早的声明',
  newest: '回到最新',
  readMore: '阅读全文',
  feed: '订阅（Atom）',
  orgs: { party: '党', league: '团', pioneers: '队' },
  quits: (orgs: readonly string[]) => `退${orgs.join('、')}`,
  separator: ' · ',
  ellipsis: '……',
  feeds: {
    latest: '三退声明：最新发表',
    featured: '三退声明：每日精选',
    noStatement: '（没有附言）',
  },
};

type ArchiveMessages = typeof zhHans;

const zhHant: ArchiveMessages = {
  nav: { label: '聲明檔案', latest: '最新聲明', featured: '每日精選', search: '搜尋', today: '今天' },
  latest: {
    title: '最新聲明',
    intro: (zone: string) => `已經發表的三退聲明，最新的在前。日期均為${zone}。`,
    empty: '目前還沒有發表的聲明。',
  },
  day: {
    title: (date: string) => `${date}發表的聲明`,
    intro: (zone: string) => `日期按${zone}劃分，從 0 點到 24 點，與首頁的每日數字一致。`,
    previous: '前一天',
    next: '後一天',
    empty: '這一天沒有發表的聲明。',
  },
  featured: {
    title: '每日精選',
    intro: (zone: string) => `編輯每天從發表的聲明中選出幾篇，按精選日期排列，最近的在前。日期均為${zone}。`,
    empty: '目前還沒有精選的聲明。',
    dayHeading: (date: string) => `${date}精選`,
  },
  search: {
    title: '搜尋聲明',
    query: '搜尋內容',
    field: '搜尋範圍',
    fields: { alias: '署名', title: '標題', region: '地區' },
    mode: '署名的查找方式',
    modes: { exact: '名字完全相同', prefix: '名字以此開頭' },
    submit: '搜尋',
    hint: '繁體、簡體皆可。按署名只查第一個名字；按標題或地區查找，請至少輸入兩個字。',
    results: (q: string) => `「${q}」的搜尋結果`,
    none: '沒有找到相符的聲明。',
    noneInRange: '這一批裡沒有相符的聲明，還可以繼續往前查找。',
    more: '繼續查找更早的聲明',
    empty: '請輸入要搜尋的內容。',
    tooShort: (min: number) => `按標題或地區搜尋，請至少輸入 ${min} 個字。`,
    tooLong: (max: number) => `搜尋內容太長，最多 ${max} 個字。`,
  },
  older: '更早的聲明',
  newest: '回到最新',
  readMore: '閱讀全文',
  feed: '訂閱（Atom）',
  orgs: { party: '黨', league: '團', pioneers: '隊' },
  quits: (orgs: readonly string[]) => `退${orgs.join('、')}`,
  separator: ' · ',
  ellipsis: '……',
  feeds: {
    latest: '三退聲明：最新發表',
    featured: '三退聲明：每日精選',
    noStatement: '（沒有附言）',
  },
};

const en: ArchiveMessages = {
  nav: { label: 'Archive', latest: 'Latest declarations', featured: 'Daily selection', search: 'Search', today: 'Today' },
  latest: {
    title: 'Latest declarations',
    intro: (zone: string) =>
      `Published declarations of quitting the Party, the League and the Pioneers, newest first. Dates are in ${zone}.`,
    empty: 'No declarations have been published yet.',
  },
  day: {
    title: (date: string) => `Declarations published on ${date}`,
    intro: (zone: string) => `Days run from midnight to midnight in ${zone}, as do the daily counts on the home page.`,
    previous: 'Previous day',
    next: 'Next day',
    empty: 'No declarations were published on this day.',
  },
  featured: {
    title: 'Daily selection',
    intro: (zone: string) =>
      `Each day the editors pick a few of the declarations published. The most recent selection comes first. Dates are in ${zone}.`,
    empty: 'Nothing has been selected yet.',
    dayHeading: (date: string) => `Selected on ${date}`,
  },
  search: {
    title: 'Search declarations',
    query: 'Search for',
    field: 'Search in',
    fields: { alias: 'Name', title: 'Title', region: 'Region' },
    mode: 'Match names',
    modes: { exact: 'Exactly', prefix: 'Starting with' },
    submit: 'Search',
    hint: 'Simplified and traditional characters both work. A name search looks at the first name only; for titles and regions, type at least two characters.',
    results: (q: string) => `Results for “${q}”`,
    none: 'No matching declarations.',
    noneInRange: 'Nothing matched in this stretch of the archive; you can keep searching older declarations.',
    more: 'Search older declarations',
    empty: 'Type something to search for.',
    tooShort: (min: number) => `To search titles or regions, type at least ${min} characters.`,
    tooLong: (max: number) => `That is too long to search: ${max} characters at most.`,
  },
  older: 'Older declarations',
  newest: 'Back to the newest',
  readMore: 'Read in full',
  feed: 'Subscribe (Atom)',
  orgs: { party: 'Party', league: 'League', pioneers: 'Pioneers' },
  quits: (orgs: readonly string[]) =>
    `Quits the ${orgs.length > 1 ? `${orgs.slice(0, -1).join(', the ')} and the ${orgs.at(-1)}` : (orgs[0] ?? '')}`,
  separator: ' · ',
  ellipsis: '…',
  feeds: {
    latest: 'Tuidang declarations: latest',
    featured: 'Tuidang declarations: daily selection',
    noStatement: '(No statement)',
  },
};

const catalogs: Record<Locale, ArchiveMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function archiveMessages(locale: Locale): ArchiveMessages {
  return catalogs[locale];
}
export type { ArchiveMessages };
