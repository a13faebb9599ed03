import type { Locale } from '../../../i18n/index.ts';

/** The words of the statistics page's all-time part: the running total by year and the milestones. zh-Hans is the shape. */
const zhHans = {
  heading: '历年累计',
  chartTitle: '每年年底的累计人数',
  describe: (year: string, total: string) => `从第一年到 ${year} 年，累计人数逐年增加，目前共 ${total}。`,
  columns: { year: '年份', total: '累计人数' },
  thisYear: (year: string) => `${year}（至今）`,
  milestonesHeading: '里程碑',
  milestone: (count: string) => `达到 ${count}`,
  noMilestones: '还没有达到第一个里程碑（1亿人）。',
  noData: '还没有计入任何人。',
};

type AllTimeMessages = typeof zhHans;

const zhHant: AllTimeMessages = {
  heading: '歷年累計',
  chartTitle: '每年年底的累計人數',
  describe: (year, total) => `從第一年到 ${year} 年，累計人數逐年增加，目前共 ${total}。`,
  columns: { year: '年份', total: '累計人數' },
  thisYear: (year) => `${year}（至今）`,
  milestonesHeading: '里程碑',
  milestone: (count) => `達到 ${count}`,
  noMilestones: '還沒有達到第一個里程碑（1億人）。',
  noData: '還沒有計入任何人。',
};

const en: AllTimeMessages = {
  heading: 'All time',
  chartTitle: 'Running total at the end of each year',
  describe: (year, total) => `The running total from the first year to ${year}, now ${total}.`,
  columns: { year: 'Year', total: 'Running total' },
  thisYear: (year) => `${year} (so far)`,
  milestonesHeading: 'Milestones',
  milestone: (count) => `Reached ${count}`,
  noMilestones: 'The first milestone (100 million people) has not been reached yet.',
  noData: 'Nobody has been counted yet.',
};

const catalogs: Record<Locale, AllTimeMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function allTimeMessages(locale: Locale): AllTimeMessages {
  return catalogs[locale];
}
