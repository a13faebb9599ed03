import type { Locale } from '../../../i18n/index.ts';

/** The words of the contact page; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '联系我们',
  intro: '给服务中心的义工写信：想三退但不知道怎么做、想替家人声明、有问题要问，都可以。义工会读您的留言；如果您留下了邮箱，他们会回信。',
  privacy: '本站不记录您的 IP 地址，也不记录浏览器信息。留言和邮箱加密保存，只有您选择的服务中心的义工能看到。',
  privacyLink: '我们保存什么、不保存什么',
  safety: '如果您在中国大陆，请用一个不含真实姓名的邮箱，留言里也不要写身份证号、住址等能认出您的信息。',
  noCenters: '目前没有可以选择的服务中心，请稍后再试。',
  centerLabel: '服务中心',
  centerHint: '选择您想联系的服务中心。',
  centerChoose: '请选择',
  replyLabel: '回信邮箱（可不填）',
  replyHint: '不填的话，义工无法回复您。',
  messageLabel: '留言',
  messageHint: (max: number) => `最多 ${max} 个字。`,
  errorsHeading: '请修改以下几项后再发送：',
  submit: '发送',
  sent: {
    title: '留言已送达',
    body: '服务中心的义工会尽快阅读。如果您留了邮箱，回信会发到那里；请留意垃圾邮件文件夹。',
    back: '再写一封',
  },
};

type ContactMessages = typeof zhHans;

const zhHant: ContactMessages = {
  title: '聯絡我們',
  intro:
    '寫信給服務中心的義工：想三退但不知道怎麼做、想替家人聲明、有問題要問，都可以。義工會讀您的留言；如果您留下了電子郵件，他們會回信。',
  privacy: '本站不記錄您的 IP 位址，也不記錄瀏覽器資訊。留言和電子郵件加密保存，只有您選擇的服務中心的義工能看到。',
  privacyLink: '我們保存什麼、不保存什麼',
  safety: '如果您在中國大陸，請用一個不含真實姓名的電子郵件，留言裡也不要寫身分證號、住址等能認出您的資訊。',
  noCenters: '目前沒有可以選擇的服務中心，請稍後再試。',
  centerLabel: '服務中心',
  centerHint: '選擇您想聯絡的服務中心。',
  centerChoose: '請選擇',
  replyLabel: '回信電子郵件（可不填）',
  replyHint: '不填的話，義工無法回覆您。',
  messageLabel: '留言',
  messageHint: (max: number) => `最多 ${max} 個字。`,
  errorsHeading: '請修改以下幾項後再傳送：',
  submit: '傳送',
  sent: {
    title: '留言已送達',
    body: '服務中心的義工會盡快閱讀。如果您留了電子郵件，回信會寄到那裡；請留意垃圾郵件資料夾。',
    back: '再寫一封',
  },
};

const en: ContactMessages = {
  title: 'Contact us',
  intro:
    'Write to the volunteers of a service centre: if you want to quit but do not know how, want to declare for your family, or have a question. A volunteer will read your message and, if you leave an address, write back.',
  privacy:
    'This site does not record your IP address or anything about your browser. Your message and address are stored encrypted, and only the volunteers of the centre you choose can read them.',
  privacyLink: 'What we keep and what we do not',
  safety:
    'If you are in mainland China, use an email address without your real name, and leave out your ID number, home address and anything else that could identify you.',
  noCenters: 'No service centre can be chosen at the moment. Please try again later.',
  centerLabel: 'Service centre',
  centerHint: 'Choose the centre you want to write to.',
  centerChoose: 'Choose…',
  replyLabel: 'Reply address (optional)',
  replyHint: 'Without one, the volunteers cannot answer you.',
  messageLabel: 'Message',
  messageHint: (max: number) => `Up to ${max} characters.`,
  errorsHeading: 'Please correct the following before sending:',
  submit: 'Send',
  sent: {
    title: 'Message delivered',
    body: 'The centre’s volunteers will read it soon. If you left an address, their answer will go there; please check your spam folder too.',
    back: 'Write another message',
  },
};

const catalogs: Record<Locale, ContactMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function contactMessages(locale: Locale): ContactMessages {
  return catalogs[locale];
}
