import type { Locale } from '../../../i18n/index.ts';

/** The words of the support page; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '声援留言',
  intro: '给三退的朋友们写几句话吧。每一句鼓励都会让他们知道：他们并不孤单。',
  listHeading: '大家的留言',
  empty: '目前还没有发表的留言，欢迎写下第一句。',
  older: '更早的留言',
  newest: '回到最新',
  anonymous: '一位朋友',
  comma: '，',
  from: (region: string) => `来自${region}`,
  published: (date: string) => `发表于${date}`,
  form: {
    heading: '写一句声援的话',
    nameLabel: '署名（可不填）',
    nameHint: '可以用化名，也可以不填。',
    regionLabel: '所在地区（可不填）',
    regionHint: '例如：多伦多、台北、柏林。',
    messageLabel: '留言',
    messageHint: (min: number, max: number) => `${min} 到 ${max} 个字。`,
    errorsHeading: '请修改以下几项后再提交：',
    submit: '提交留言',
  },
  review: '留言经义工审阅后才会显示，不会计入三退人数。',
  privacy: '本站不记录您的 IP 地址，也不记录浏览器信息。请不要在留言中写下可以认出您或他人的信息。',
  thanks: {
    title: '谢谢您的声援',
    body: '留言已经收到，审阅后就会显示在声援留言页上。',
    back: '回到声援留言',
  },
};

type SupportMessages = typeof zhHans;

const zhHant: SupportMessages = {
  title: '聲援留言',
  intro: '給三退的朋友們寫幾句話吧。每一句鼓勵都會讓他們知道：他們並不孤單。',
  listHeading: '大家的留言',
  empty: '目前還沒有發表的留言，歡迎寫下第一句。',
  older: '更早的留言',
  newest: '回到最新',
  anonymous: '一位朋友',
  comma: '，',
  from: (region: string) => `來自${region}`,
  published: (date: string) => `發表於${date}`,
  form: {
    heading: '寫一句聲援的話',
    nameLabel: '署名（可不填）',
    nameHint: '可以用化名，也可以不填。',
    regionLabel: '所在地區（可不填）',
    regionHint: '例如：多倫多、臺北、柏林。',
    messageLabel: '留言',
    messageHint: (min: number, max: number) => `${min} 到 ${max} 個字。`,
    errorsHeading: '請修改以下幾項後再提交：',
    submit: '提交留言',
  },
  review: '留言經義工審閱後才會顯示，不會計入三退人數。',
  privacy: '本站不記錄您的 IP 位址，也不記錄瀏覽器資訊。請不要在留言中寫下可以認出您或他人的資訊。',
  thanks: {
    title: '謝謝您的聲援',
    body: '留言已經收到，審閱後就會顯示在聲援留言頁上。',
    back: '回到聲援留言',
  },
};

const en: SupportMessages = {
  title: 'Messages of support',
  intro: 'Write a few words to those who have quit. Every message of encouragement tells them they are not alone.',
  listHeading: 'Messages from readers',
  empty: 'No messages have been published yet. Be the first to write one.',
  older: 'Older messages',
  newest: 'Back to the newest',
  anonymous: 'A friend',
  comma: ', ',
  from: (region: string) => `from ${region}`,
  published: (date: string) => `published ${date}`,
  form: {
    heading: 'Leave a message of support',
    nameLabel: 'Name (optional)',
    nameHint: 'A pseudonym is fine, or leave it blank.',
    regionLabel: 'Where you are (optional)',
    regionHint: 'For example: Toronto, Taipei, Berlin.',
    messageLabel: 'Message',
    messageHint: (min: number, max: number) => `Between ${min} and ${max} characters.`,
    errorsHeading: 'Please correct the following and send it again:',
    submit: 'Send message',
  },
  review: 'Volunteers read every message before it appears. Messages are not counted in the tally of those who have quit.',
  privacy:
    'This site does not store your IP address or any information about your browser. Please leave out anything that could identify you or anyone else.',
  thanks: {
    title: 'Thank you for your support',
    body: 'Your message has been received and will appear on the messages page once it has been reviewed.',
    back: 'Back to the messages',
  },
};

const catalogs: Record<Locale, SupportMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function supportMessages(locale: Locale): SupportMessages {
  return catalogs[locale];
}
export type { SupportMessages };
