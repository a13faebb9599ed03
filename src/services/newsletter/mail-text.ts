import type { NewsletterLanguage } from '../../domain/newsletter/subscription-input.ts';

/**
 * The words of the mail the newsletter sends, in the language the subscriber chose (zh-Hans is the
 * shape). Plain text only: no tracking pixel, no remote image, nothing that reports a reading.
 */
const zhHans = {
  confirm: {
    subject: '请确认订阅退党登记的新闻信',
    text: (confirmUrl: string, unsubscribeUrl: string) =>
      [
        '您好：',
        '',
        '有人用这个邮箱地址订阅了退党登记的新闻信。如果是您本人，请打开下面的链接，在页面上按“确认订阅”：',
        '',
        confirmUrl,
        '',
        '如果不是您订阅的，不用理会这封邮件；不确认就不会收到任何新闻信。也可以用这个链接取消：',
        unsubscribeUrl,
      ].join('\n'),
  },
  already: {
    subject: '您已经订阅了退党登记的新闻信',
    text: (unsubscribeUrl: string) =>
      [
        '您好：',
        '',
        '有人用这个邮箱地址再次订阅了退党登记的新闻信。这个地址已经订阅，您会照常收到新闻信，不需要做什么。',
        '',
        '如果想取消订阅，请打开这个链接：',
        unsubscribeUrl,
      ].join('\n'),
  },
  footer: (unsubscribeUrl: string) => ['—', '您收到这封邮件，是因为您订阅并确认了退党登记的新闻信。取消订阅：', unsubscribeUrl].join('\n'),
};

type MailText = typeof zhHans;

const zhHant: MailText = {
  confirm: {
    subject: '請確認訂閱退黨登記的新聞信',
    text: (confirmUrl, unsubscribeUrl) =>
      [
        '您好：',
        '',
        '有人用這個電子郵件地址訂閱了退黨登記的新聞信。如果是您本人，請打開下面的連結，在頁面上按「確認訂閱」：',
        '',
        confirmUrl,
        '',
        '如果不是您訂閱的，不必理會這封郵件；不確認就不會收到任何新聞信。也可以用這個連結取消：',
        unsubscribeUrl,
      ].join('\n'),
  },
  already: {
    subject: '您已經訂閱了退黨登記的新聞信',
    text: (unsubscribeUrl) =>
      [
        '您好：',
        '',
        '有人用這個電子郵件地址再次訂閱了退黨登記的新聞信。這個地址已經訂閱，您會照常收到新聞信，不需要做什麼。',
        '',
        '如果想取消訂閱，請打開這個連結：',
        unsubscribeUrl,
      ].join('\n'),
  },
  footer: (unsubscribeUrl) => ['—', '您收到這封郵件，是因為您訂閱並確認了退黨登記的新聞信。取消訂閱：', unsubscribeUrl].join('\n'),
};

const en: MailText = {
  confirm: {
    subject: 'Please confirm your subscription to the Tuidang registry newsletter',
    text: (confirmUrl, unsubscribeUrl) =>
      [
        'Hello,',
        '',
        'Someone subscribed this address to the Tuidang registry newsletter. If it was you, open the link below and press "Confirm subscription" on the page:',
        '',
        confirmUrl,
        '',
        'If it was not you, ignore this message: nothing is sent to an address that was never confirmed. You can also cancel here:',
        unsubscribeUrl,
      ].join('\n'),
  },
  already: {
    subject: 'You are already subscribed to the Tuidang registry newsletter',
    text: (unsubscribeUrl) =>
      [
        'Hello,',
        '',
        'Someone subscribed this address to the Tuidang registry newsletter again. It is already subscribed, so nothing changes and there is nothing you need to do.',
        '',
        'To unsubscribe, open this link:',
        unsubscribeUrl,
      ].join('\n'),
  },
  footer: (unsubscribeUrl) =>
    [
      '--',
      'You receive this because you subscribed to the Tuidang registry newsletter and confirmed it. Unsubscribe:',
      unsubscribeUrl,
    ].join('\n'),
};

const texts: Record<NewsletterLanguage, MailText> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function mailText(language: NewsletterLanguage): MailText {
  return texts[language];
}
