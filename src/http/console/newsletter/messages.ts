import type { DeliveryStatus, IssueStatus, SubscriberStatus } from '../../../domain/newsletter/statuses.ts';
import type { Locale } from '../../../i18n/index.ts';

/** The words of the newsletter's console pages (docs/newsletter.md); zh-Hans is the shape. */
const zhHans = {
  title: '新闻信',
  /** Between a label and its value: full-width in Chinese. */
  colon: '：',
  subscribers: '订阅者',
  subscriberStatus: { pending: '待确认', confirmed: '已确认', unsubscribed: '已退订' } satisfies Record<SubscriberStatus, string>,
  write: '撰写新一期',
  empty: '还没有新闻信。',
  issue: (id: number) => `第 ${id} 期`,
  subject: '标题',
  status: '状态',
  issueStatus: { draft: '草稿', sending: '发送中', sent: '已发送' } satisfies Record<IssueStatus, string>,
  updated: '更新时间',
  newTitle: '撰写新一期新闻信',
  languages: { 'zh-hans': '简体中文', 'zh-hant': '繁體中文', en: 'English' } satisfies Record<Locale, string>,
  body: '正文（纯文本）',
  hint: '三种语言都要写好才能发送。每位订阅者收到自己选择的语言；邮件末尾会自动加上退订链接。',
  create: '保存草稿',
  save: '保存草稿',
  saved: '草稿已保存。',
  done: {
    created: '草稿已建立。可以继续修改、看预览，三种语言都写好后再发送。',
    sending: '已开始发送。下面的数字会随着邮件发出而变化，请稍后刷新页面查看。',
  },
  preview: '预览',
  previewHint: '订阅者收到的邮件就是这样。退订链接里的“…”会换成每个人自己的链接。',
  send: {
    heading: '发送',
    text: (confirmed: number) => `现在有 ${confirmed} 位已确认的订阅者。发送后这期就不能再修改。`,
    confirm: '我已检查三种语言的内容，确认发送给所有已确认的订阅者',
    button: '发送',
    confirmRequired: '请先勾选确认。',
  },
  progress: {
    heading: '发送进度',
    recipients: (n: number) =>
      `共 ${n} 位收件人。每分钟最多发送 50 封；失败的邮件会在 5 分钟、1 小时和 6 小时后重试。刷新页面查看最新进度。`,
    delivery: { queued: '排队中', sent: '已发送', failed: '失败', bounced: '退信' } satisfies Record<DeliveryStatus, string>,
  },
  back: '返回新闻信列表',
};

export type NewsletterConsoleMessages = typeof zhHans;

const zhHant: NewsletterConsoleMessages = {
  title: '新聞信',
  colon: '：',
  subscribers: '訂閱者',
  subscriberStatus: { pending: '待確認', confirmed: '已確認', unsubscribed: '已退訂' },
  write: '撰寫新一期',
  empty: '還沒有新聞信。',
  issue: (id) => `第 ${id} 期`,
  subject: '標題',
  status: '狀態',
  issueStatus: { draft: '草稿', sending: '寄送中', sent: '已寄送' },
  updated: '更新時間',
  newTitle: '撰寫新一期新聞信',
  languages: { 'zh-hans': '简体中文', 'zh-hant': '繁體中文', en: 'English' },
  body: '內文（純文字）',
  hint: '三種語言都要寫好才能寄送。每位訂閱者收到自己選擇的語言；郵件末尾會自動加上退訂連結。',
  create: '儲存草稿',
  save: '儲存草稿',
  saved: '草稿已儲存。',
  done: {
    created: '草稿已建立。可以繼續修改、看預覽，三種語言都寫好後再寄出。',
    sending: '已開始寄送。下方的數字會隨著郵件寄出而變化，請稍後重新整理頁面查看。',
  },
  preview: '預覽',
  previewHint: '訂閱者收到的郵件就是這樣。退訂連結裡的「…」會換成每個人自己的連結。',
  send: {
    heading: '寄送',
    text: (confirmed) => `目前有 ${confirmed} 位已確認的訂閱者。寄出後這期就不能再修改。`,
    confirm: '我已檢查三種語言的內容，確認寄給所有已確認的訂閱者',
    button: '寄送',
    confirmRequired: '請先勾選確認。',
  },
  progress: {
    heading: '寄送進度',
    recipients: (n) => `共 ${n} 位收件人。每分鐘最多寄出 50 封；失敗的郵件會在 5 分鐘、1 小時和 6 小時後重試。重新整理頁面查看最新進度。`,
    delivery: { queued: '排隊中', sent: '已寄出', failed: '失敗', bounced: '退信' },
  },
  back: '返回新聞信列表',
};

const en: NewsletterConsoleMessages = {
  title: 'Newsletter',
  colon: ': ',
  subscribers: 'Subscribers',
  subscriberStatus: { pending: 'Awaiting confirmation', confirmed: 'Confirmed', unsubscribed: 'Unsubscribed' },
  write: 'Write a new issue',
  empty: 'No issues yet.',
  issue: (id) => `Issue ${id}`,
  subject: 'Subject',
  status: 'Status',
  issueStatus: { draft: 'Draft', sending: 'Sending', sent: 'Sent' },
  updated: 'Updated',
  newTitle: 'Write a new issue',
  languages: { 'zh-hans': '简体中文', 'zh-hant': '繁體中文', en: 'English' },
  body: 'Text (plain)',
  hint: 'All three languages must be written before sending. Each subscriber gets the language they chose; an unsubscribe link is added at the end of every mail.',
  create: 'Save draft',
  save: 'Save draft',
  saved: 'Draft saved.',
  done: {
    created: 'Draft created. Keep editing and check the preview; send it once all three languages are written.',
    sending: 'Sending has started. The figures below change as the mails go out; reload the page to see them.',
  },
  preview: 'Preview',
  previewHint: 'This is the mail subscribers get. The “…” in the unsubscribe link becomes each one’s own link.',
  send: {
    heading: 'Send',
    text: (confirmed) =>
      `${confirmed === 1 ? 'There is 1 confirmed subscriber' : `There are ${confirmed} confirmed subscribers`} now. Once sent, this issue can no longer be changed.`,
    confirm: 'I have checked the text in all three languages: send it to every confirmed subscriber',
    button: 'Send',
    confirmRequired: 'Tick the box to confirm first.',
  },
  progress: {
    heading: 'Progress',
    recipients: (n) =>
      `${n} ${n === 1 ? 'recipient' : 'recipients'}. At most 50 mails leave each minute; a failed one is tried again after 5 minutes, 1 hour and 6 hours. Reload the page for the latest figures.`,
    delivery: { queued: 'Queued', sent: 'Sent', failed: 'Failed', bounced: 'Bounced' },
  },
  back: 'Back to the newsletter',
};

const catalogs: Record<Locale, NewsletterConsoleMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function newsletterConsoleMessages(locale: Locale): NewsletterConsoleMessages {
  return catalogs[locale];
}
