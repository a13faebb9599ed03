import type { Locale } from '../../../i18n/index.ts';

type Unit = 'day' | 'month' | 'year';
/** The channels a declaration can come in by: the web form, the API, those of batch entry, and the previous site (imported). */
type Channel = 'web' | 'api' | 'phone' | 'hotline' | 'in_person' | 'fax' | 'email' | 'letter' | 'legacy';

/** The statistics pages' words; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '统计',
  intro: (zone: string) => `所有数字都来自已审核发表的声明，按发表的日期计入；日期按${zone}划分。`,
  methodLink: '计数方法',
  live: '数字随每次发表或撤回即时更新；本页最多延迟一分钟。',
  form: {
    legend: '选择日期范围',
    from: '开始日期',
    to: '结束日期',
    hint: (first: string) => `格式：年-月-日，例如 2025-06-14。可以查看从 ${first} 到今天的任何一段。`,
    submit: '查看',
    quick: '快速选择：',
    last30: '最近 30 天',
    lastYear: '最近一年',
    all: '全部',
  },
  errors: {
    heading: '请修改日期',
    invalid: '日期格式应为 年-月-日，例如 2025-06-14，而且必须是真实存在的日期。',
    reversed: (from: string) => `结束日期不能早于开始日期（${from}）。`,
    tooEarly: (first: string) => `统计从 ${first} 开始，日期不能早于这一天。`,
    tooLate: (today: string) => `日期不能晚于今天（${today}）。`,
  },
  range: (from: string, to: string) => (from === to ? from : `${from} 至 ${to}`),
  colon: '：',
  summary: (range: string, people: number, declarations: number, count: (n: number) => string) =>
    `${range}：共 ${count(people)} 人，${count(declarations)} 份声明。`,
  noData: (from: string, to: string) => `${from === to ? from : `${from} 至 ${to}`} 没有计入任何声明。`,
  noDataChart: '这段时间没有数据。',
  heading: { day: '每天的人数', month: '每月的人数', year: '每年的人数' } satisfies Record<Unit, string>,
  byOrganization: '按组织',
  byRegion: '按地区（前 10 名）',
  byChannel: '按声明途径',
  organizationNote: '一份声明可以同时退出几个组织，它的人数在每个组织下各计一次，所以三项相加可能多于总人数。',
  regionNote: '地区由声明人自己填写，按省级行政区归类；没有填写的和无法归类的分别列出。',
  regionRest: (regions: number, people: number, count: (n: number) => string) => `其余 ${regions} 个地区共 ${count(people)} 人。`,
  partialNote: '第一个和最后一个时段可能不完整，表格中写明了实际日期。',
  showTable: '以表格显示这些数字',
  columns: {
    period: { day: '日期', month: '月份', year: '年份' } satisfies Record<Unit, string>,
    people: '人数',
    organization: '组织',
    region: '地区',
    channel: '途径',
  },
  describeColumns: (heading: string, range: string, total: string, peakPeriod: string, peak: string) =>
    `柱状图：${range} ${heading}，共 ${total} 人；最多的是 ${peakPeriod}，${peak} 人。`,
  describeBars: (heading: string, top: string, value: string) => `条形图：${heading}的人数；最多的是${top}，${value} 人。`,
  regions: { other: '其他（无法归类）', none: '未填写' },
  channels: {
    web: '本站网页',
    api: '程序接口（API）',
    phone: '电话',
    hotline: '热线',
    in_person: '当面',
    fax: '传真',
    email: '电子邮件',
    letter: '信件',
    legacy: '旧站存档',
  } satisfies Record<Channel, string>,
  openData: {
    heading: '开放数据',
    text: '这段时间的每日数字可以下载：',
    json: 'JSON',
    csv: 'CSV（可用表格软件打开）',
  },
  method: {
    title: '计数方法',
    intro: '本站公布的每个数字都来自已发表的声明，任何人都可以自己核对。以下说明我们怎样计数。',
    counted: {
      heading: '计入什么',
      body: [
        '只计入经过编辑审核、公开发表的声明。每份声明按其中写明的人数计入，一份声明可以代表全家几个人。',
        '仍在等待审核的、没有通过审核的、已经撤回的，以及被标记为重复的声明，都不计入。声明撤回、被标为重复或被编辑取消发表时，它的人数会从原先计入的那一天减去。',
      ],
    },
    organizations: {
      heading: '组织怎样计',
      body: [
        '声明中写明退出哪几个组织（党、团、队），它的人数就在每个组织下各计一次。同一个人可能既计入党，也计入团，所以三个组织的数字相加会多于总人数；总人数里每个人只计一次。',
      ],
    },
    days: {
      heading: '按哪一天计',
      body: (zone: string) => [`每份声明计入它发表的那一天。一天的起止按${zone}计算，从 0 点到 24 点。`],
    },
    stored: {
      heading: '数字怎样保存',
      body: [
        '计数不是在有人查看时临时统计出来的。每次发表、撤回或标为重复，都在同一个数据库事务中同时更新当天的计数，所以计数和声明不会对不上。页面和接口只读取这些已经保存的计数。',
      ],
    },
    reconcile: {
      heading: '每晚核对',
      body: (zone: string) => [
        `每天${zone}凌晨 3 点后，系统会根据全部声明重新计算所有计数，逐日与保存的计数比较；发现出入就更正。每次核对和更正都记入审计日志。`,
      ],
    },
    privacy: {
      heading: '不公布什么',
      body: [
        '统计只按日期、组织、地区和声明途径分类，从不按服务中心或义工分类，这样谁也无法把某位义工或某个中心和他们帮助过的人联系起来。',
      ],
    },
    verify: {
      heading: '怎样核实',
      body: [
        '每天的数字都作为开放数据提供，没有声明的日子记为 0，可以下载后自己加总，与首页的总数对照：',
        '每份已发表的声明都有自己的页面，凭登记号即可查看。',
      ],
      links: {
        dailyJson: '最近 30 天的每日数字（JSON）',
        dailyCsv: '最近 30 天的每日数字（CSV）',
        counter: '当前总数（JSON）',
      },
      transparency: '每一次发表和撤回都写进公开透明日志，任何人都可以下载整份日志，自己重新加总并核对签名：',
      transparencyLink: '公开透明日志：能证明什么，怎样自己核对',
    },
    back: '返回统计',
  },
};

type StatisticsMessages = typeof zhHans;

const zhHant: StatisticsMessages = {
  title: '統計',
  intro: (zone: string) => `所有數字都來自已審核發表的聲明，按發表的日期計入；日期按${zone}劃分。`,
  methodLink: '計數方法',
  live: '數字隨每次發表或撤回即時更新；本頁最多延遲一分鐘。',
  form: {
    legend: '選擇日期範圍',
    from: '開始日期',
    to: '結束日期',
    hint: (first: string) => `格式：年-月-日，例如 2025-06-14。可以查看從 ${first} 到今天的任何一段。`,
    submit: '查看',
    quick: '快速選擇：',
    last30: '最近 30 天',
    lastYear: '最近一年',
    all: '全部',
  },
  errors: {
    heading: '請修改日期',
    invalid: '日期格式應為 年-月-日，例如 2025-06-14，而且必須是真實存在的日期。',
    reversed: (from: string) => `結束日期不能早於開始日期（${from}）。`,
    tooEarly: (first: string) => `統計從 ${first} 開始，日期不能早於這一天。`,
    tooLate: (today: string) => `日期不能晚於今天（${today}）。`,
  },
  range: (from: string, to: string) => (from === to ? from : `${from} 至 ${to}`),
  colon: '：',
  summary: (range: string, people: number, declarations: number, count: (n: number) => string) =>
    `${range}：共 ${count(people)} 人，${count(declarations)} 份聲明。`,
  noData: (from: string, to: string) => `${from === to ? from : `${from} 至 ${to}`} 沒有計入任何聲明。`,
  noDataChart: '這段期間沒有資料。',
  heading: { day: '每天的人數', month: '每月的人數', year: '每年的人數' },
  byOrganization: '按組織',
  byRegion: '按地區（前 10 名）',
  byChannel: '按聲明管道',
  organizationNote: '一份聲明可以同時退出幾個組織，它的人數在每個組織下各計一次，所以三項相加可能多於總人數。',
  regionNote: '地區由聲明人自行填寫，按省級行政區歸類；沒有填寫的和無法歸類的分別列出。',
  regionRest: (regions: number, people: number, count: (n: number) => string) => `其餘 ${regions} 個地區共 ${count(people)} 人。`,
  partialNote: '第一個和最後一個時段可能不完整，表格中註明了實際日期。',
  showTable: '以表格顯示這些數字',
  columns: {
    period: { day: '日期', month: '月份', year: '年份' },
    people: '人數',
    organization: '組織',
    region: '地區',
    channel: '管道',
  },
  describeColumns: (heading: string, range: string, total: string, peakPeriod: string, peak: string) =>
    `長條圖：${range} ${heading}，共 ${total} 人；最多的是 ${peakPeriod}，${peak} 人。`,
  describeBars: (heading: string, top: string, value: string) => `橫條圖：${heading}的人數；最多的是${top}，${value} 人。`,
  regions: { other: '其他（無法歸類）', none: '未填寫' },
  channels: {
    web: '本站網頁',
    api: '程式介面（API）',
    phone: '電話',
    hotline: '熱線',
    in_person: '當面',
    fax: '傳真',
    email: '電子郵件',
    letter: '信件',
    legacy: '舊站存檔',
  },
  openData: {
    heading: '開放資料',
    text: '這段期間的每日數字可以下載：',
    json: 'JSON',
    csv: 'CSV（可用試算表軟體開啟）',
  },
  method: {
    title: '計數方法',
    intro: '本站公布的每個數字都來自已發表的聲明，任何人都可以自行核對。以下說明我們如何計數。',
    counted: {
      heading: '計入什麼',
      body: [
        '只計入經過編輯審核、公開發表的聲明。每份聲明按其中寫明的人數計入，一份聲明可以代表全家幾個人。',
        '仍在等待審核的、沒有通過審核的、已經撤回的，以及被標記為重複的聲明，都不計入。聲明撤回、被標為重複或被編輯取消發表時，它的人數會從原先計入的那一天扣除。',
      ],
    },
    organizations: {
      heading: '組織如何計算',
      body: [
        '聲明中寫明退出哪幾個組織（黨、團、隊），它的人數就在每個組織下各計一次。同一個人可能既計入黨，也計入團，所以三個組織的數字相加會多於總人數；總人數裡每個人只計一次。',
      ],
    },
    days: {
      heading: '按哪一天計',
      body: (zone: string) => [`每份聲明計入它發表的那一天。一天的起訖按${zone}計算，從 0 點到 24 點。`],
    },
    stored: {
      heading: '數字如何保存',
      body: [
        '計數不是在有人查看時臨時統計出來的。每次發表、撤回或標為重複，都在同一筆資料庫交易中同時更新當天的計數，所以計數和聲明不會對不上。頁面和介面只讀取這些已經保存的計數。',
      ],
    },
    reconcile: {
      heading: '每晚核對',
      body: (zone: string) => [
        `每天${zone}凌晨 3 點後，系統會根據全部聲明重新計算所有計數，逐日與保存的計數比較；發現出入就更正。每次核對和更正都記入稽核日誌。`,
      ],
    },
    privacy: {
      heading: '不公布什麼',
      body: [
        '統計只按日期、組織、地區和聲明管道分類，從不按服務中心或義工分類，這樣誰也無法把某位義工或某個中心和他們協助過的人聯繫起來。',
      ],
    },
    verify: {
      heading: '如何核實',
      body: [
        '每天的數字都作為開放資料提供，沒有聲明的日子記為 0，可以下載後自行加總，與首頁的總數對照：',
        '每份已發表的聲明都有自己的頁面，憑登記號即可查看。',
      ],
      links: {
        dailyJson: '最近 30 天的每日數字（JSON）',
        dailyCsv: '最近 30 天的每日數字（CSV）',
        counter: '目前總數（JSON）',
      },
      transparency: '每一次發表和撤回都寫進公開透明日誌，任何人都可以下載整份日誌，自行重新加總並核對簽章：',
      transparencyLink: '公開透明日誌：能證明什麼，如何自行核對',
    },
    back: '返回統計',
  },
};

const en: StatisticsMessages = {
  title: 'Statistics',
  intro: (zone: string) => `Every figure comes from published declarations, counted on the day they were published; days follow ${zone}.`,
  methodLink: 'How we count',
  live: 'The figures change as soon as a declaration is published or retracted; this page may be up to a minute behind.',
  form: {
    legend: 'Choose the dates',
    from: 'From',
    to: 'To',
    hint: (first: string) => `Write dates as YYYY-MM-DD, such as 2025-06-14. Any range from ${first} to today.`,
    submit: 'Show',
    quick: 'Quick choice:',
    last30: 'Last 30 days',
    lastYear: 'Last 12 months',
    all: 'Everything',
  },
  errors: {
    heading: 'Please correct the dates',
    invalid: 'Write the date as YYYY-MM-DD, such as 2025-06-14, and make sure the date exists.',
    reversed: (from: string) => `The end date cannot be before the start date (${from}).`,
    tooEarly: (first: string) => `The figures begin on ${first}; choose that day or a later one.`,
    tooLate: (today: string) => `The date cannot be after today (${today}).`,
  },
  range: (from: string, to: string) => (from === to ? from : `${from} to ${to}`),
  colon: ': ',
  summary: (range: string, people: number, declarations: number, count: (n: number) => string) =>
    `${range}: ${count(people)} ${people === 1 ? 'person' : 'people'} in ${count(declarations)} ${declarations === 1 ? 'declaration' : 'declarations'}.`,
  noData: (from: string, to: string) =>
    from === to ? `No declarations were counted on ${from}.` : `No declarations were counted from ${from} to ${to}.`,
  noDataChart: 'No data for these dates.',
  heading: { day: 'People per day', month: 'People per month', year: 'People per year' },
  byOrganization: 'By organisation',
  byRegion: 'By region (top 10)',
  byChannel: 'By channel',
  organizationNote:
    'A declaration may name more than one organisation; its people count once under each, so the three figures can add up to more than the total.',
  regionNote:
    'Declarants write their region themselves; we match it to a province. Regions left blank or not recognised are listed separately.',
  regionRest: (regions: number, people: number, count: (n: number) => string) =>
    `${regions === 1 ? 'One other region' : `The other ${regions} regions`}: ${count(people)} ${people === 1 ? 'person' : 'people'}.`,
  partialNote: 'The first and last bars may cover only part of their period; the table gives the exact dates.',
  showTable: 'Show these figures as a table',
  columns: {
    period: { day: 'Day', month: 'Month', year: 'Year' },
    people: 'People',
    organization: 'Organisation',
    region: 'Region',
    channel: 'Channel',
  },
  describeColumns: (heading: string, range: string, total: string, peakPeriod: string, peak: string) =>
    `Bar chart: ${heading.toLowerCase()}, ${range}; ${total} in all. The highest is ${peakPeriod}, with ${peak}.`,
  describeBars: (heading: string, top: string, value: string) =>
    `Bar chart: people ${heading.toLowerCase()}. The largest is ${top}, with ${value}.`,
  regions: { other: 'Other (not recognised)', none: 'Not given' },
  channels: {
    web: 'This website',
    api: 'API',
    phone: 'Phone',
    hotline: 'Hotline',
    in_person: 'In person',
    fax: 'Fax',
    email: 'E-mail',
    letter: 'Letter',
    legacy: 'Archive of the previous site',
  },
  openData: {
    heading: 'Open data',
    text: 'Download the daily figures for these dates:',
    json: 'JSON',
    csv: 'CSV (opens in a spreadsheet)',
  },
  method: {
    title: 'How we count',
    intro: 'Every figure on this site comes from published declarations, and anyone can check it. This is how we count.',
    counted: {
      heading: 'What counts',
      body: [
        'Only declarations that an editor has reviewed and published. Each one counts the number of people it states: one declaration can speak for several members of a family.',
        'Declarations still waiting for review, turned down, retracted or marked as duplicates do not count. When a declaration is retracted, marked as a duplicate or unpublished by an editor, its people are taken off the day it was first counted on.',
      ],
    },
    organizations: {
      heading: 'Organisations',
      body: [
        'A declaration counts once under each organisation it names (the Party, the League, the Pioneers). The same person may count under both the Party and the League, so the three figures together come to more than the total; in the total, each person counts once.',
      ],
    },
    days: {
      heading: 'Which day',
      body: (zone: string) => [`A declaration counts on the day it was published. Days run from midnight to midnight in ${zone}.`],
    },
    stored: {
      heading: 'How the counts are kept',
      body: [
        'The counts are not worked out when someone looks. Every publication, retraction or duplicate mark updates that day’s counts in the same database transaction, so the counts cannot disagree with the declarations. Pages and the API only read those stored counts.',
      ],
    },
    reconcile: {
      heading: 'Nightly check',
      body: (zone: string) => [
        `Every night after 3 a.m. ${zone}, the system recounts everything from the declarations themselves and compares the result with the stored counts, day by day. Any difference is corrected, and every check and correction is written to the audit log.`,
      ],
    },
    privacy: {
      heading: 'What we do not publish',
      body: [
        'The statistics are broken down by day, organisation, region and channel only, never by service centre or volunteer, so nobody can link a volunteer or a centre to the people they helped.',
      ],
    },
    verify: {
      heading: 'How to check',
      body: [
        'The daily figures are open data, with days without declarations given as 0. Download them, add them up and compare with the total on the home page:',
        'Every published declaration has its own page, found by its registration number.',
      ],
      links: {
        dailyJson: 'Daily figures for the last 30 days (JSON)',
        dailyCsv: 'Daily figures for the last 30 days (CSV)',
        counter: 'The current total (JSON)',
      },
      transparency:
        'Every publication and every withdrawal goes into a public transparency log, which anyone can download, add up and check against our signature:',
      transparencyLink: 'The transparency log: what it proves and how to check it yourself',
    },
    back: 'Back to the statistics',
  },
};

const catalogs: Record<Locale, StatisticsMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function statisticsMessages(locale: Locale): StatisticsMessages {
  return catalogs[locale];
}
export type { StatisticsMessages };
