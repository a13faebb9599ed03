import type { Locale } from '../../../i18n/index.ts';

/** The words of the newsletter's public pages (docs/newsletter.md); zh-Hans is the shape. */
const zhHans = {
  homeLink: '订阅新闻信：把登记的最新消息寄到您的邮箱',
  title: '订阅新闻信',
  intro: '留下邮箱地址，我们会把退党登记的最新消息寄给您。',
  privacy:
    '您的邮箱地址加密保存，只用来寄新闻信，不会给任何人。我们不记录您的 IP 地址或设备信息。每封邮件都附有取消订阅的链接，点一下就能退订。',
  form: {
    errorsHeading: '请修改以下问题后再提交：',
    email: '电子邮箱',
    emailHint: '我们会先寄一封确认邮件到这个地址，确认之后才开始寄新闻信。',
    language: '新闻信的语言',
    terms: '我已阅读并同意',
    termsLink: '使用条款',
    submit: '订阅',
  },
  sent: {
    title: '请查收确认邮件',
    body: '如果这个地址能收信，我们已经寄出一封邮件。请打开邮件里的链接，在页面上按“确认订阅”。如果这个地址已经订阅过，邮件里会说明。',
    spam: '几分钟内没有收到的话，请看看垃圾邮件文件夹。',
  },
  confirm: {
    title: '确认订阅',
    body: '按下面的按钮，确认用这个邮箱地址订阅新闻信。',
    button: '确认订阅',
    already: '这个地址已经确认过了，您会收到新闻信。',
  },
  confirmed: { title: '订阅成功', body: '谢谢！以后的新闻信会寄到您的邮箱。每封邮件都附有取消订阅的链接。' },
  unsubscribe: {
    title: '取消订阅',
    body: '按下面的按钮，这个邮箱地址就不会再收到新闻信。',
    button: '取消订阅',
    already: '这个地址已经取消订阅，不会再收到新闻信。',
  },
  unsubscribed: { title: '已取消订阅', body: '这个邮箱地址不会再收到新闻信。如果以后想再订阅，可以随时重新填写。', again: '重新订阅' },
  invalid: { title: '链接无效' },
};

export type NewsletterMessages = typeof zhHans;

const zhHant: NewsletterMessages = {
  homeLink: '訂閱新聞信：把登記的最新消息寄到您的信箱',
  title: '訂閱新聞信',
  intro: '留下電子郵件地址，我們會把退黨登記的最新消息寄給您。',
  privacy:
    '您的電子郵件地址加密保存，只用來寄新聞信，不會提供給任何人。我們不記錄您的 IP 位址或裝置資訊。每封郵件都附有取消訂閱的連結，點一下就能退訂。',
  form: {
    errorsHeading: '請修改以下問題後再送出：',
    email: '電子郵件',
    emailHint: '我們會先寄一封確認郵件到這個地址，確認之後才開始寄新聞信。',
    language: '新聞信的語言',
    terms: '我已閱讀並同意',
    termsLink: '使用條款',
    submit: '訂閱',
  },
  sent: {
    title: '請查收確認郵件',
    body: '如果這個地址能收信，我們已經寄出一封郵件。請打開郵件裡的連結，在頁面上按「確認訂閱」。如果這個地址已經訂閱過，郵件裡會說明。',
    spam: '幾分鐘內沒有收到的話，請看看垃圾郵件資料夾。',
  },
  confirm: {
    title: '確認訂閱',
    body: '按下面的按鈕，確認用這個電子郵件地址訂閱新聞信。',
    button: '確認訂閱',
    already: '這個地址已經確認過了，您會收到新聞信。',
  },
  confirmed: { title: '訂閱成功', body: '謝謝！以後的新聞信會寄到您的信箱。每封郵件都附有取消訂閱的連結。' },
  unsubscribe: {
    title: '取消訂閱',
    body: '按下面的按鈕，這個電子郵件地址就不會再收到新聞信。',
    button: '取消訂閱',
    already: '這個地址已經取消訂閱，不會再收到新聞信。',
  },
  unsubscribed: { title: '已取消訂閱', body: '這個電子郵件地址不會再收到新聞信。如果以後想再訂閱，隨時可以重新填寫。', again: '重新訂閱' },
  invalid: { title: '連結無效' },
};

const en: NewsletterMessages = {
  homeLink: 'Subscribe to the newsletter: the registry’s news in your inbox',
  title: 'Subscribe to the newsletter',
  intro: 'Leave your email address and we will send you the latest news of the Tuidang registry.',
  privacy:
    'Your address is stored encrypted, used only to send the newsletter and never given to anyone. We do not record your IP address or anything about your device. Every mail has a link to unsubscribe in one click.',
  form: {
    errorsHeading: 'Please correct the following and send again:',
    email: 'Email address',
    emailHint: 'We first send a confirmation mail to this address; the newsletter starts only once you confirm.',
    language: 'Language of the newsletter',
    terms: 'I have read and agree to the',
    termsLink: 'terms',
    submit: 'Subscribe',
  },
  sent: {
    title: 'Check your inbox',
    body: 'If this address can receive mail, we have sent it a message. Open the link in it and press “Confirm subscription” on the page. If the address is already subscribed, the message says so.',
    spam: 'If nothing arrives within a few minutes, look in your spam folder.',
  },
  confirm: {
    title: 'Confirm your subscription',
    body: 'Press the button below to subscribe this address to the newsletter.',
    button: 'Confirm subscription',
    already: 'This address is already confirmed: you will receive the newsletter.',
  },
  confirmed: { title: 'You are subscribed', body: 'Thank you. The next issues will come to your inbox, each with a link to unsubscribe.' },
  unsubscribe: {
    title: 'Unsubscribe',
    body: 'Press the button below and this address will receive no more newsletters.',
    button: 'Unsubscribe',
    already: 'This address is already unsubscribed and will receive no more newsletters.',
  },
  unsubscribed: {
    title: 'You are unsubscribed',
    body: 'This address will receive no more newsletters. You can subscribe again at any time.',
    again: 'Subscribe again',
  },
  invalid: { title: 'Link not valid' },
};

const catalogs: Record<Locale, NewsletterMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function newsletterMessages(locale: Locale): NewsletterMessages {
  return catalogs[locale];
}
