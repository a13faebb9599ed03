import type { Locale } from '../../../i18n/index.ts';

/** The console's words for a center's inbox settings; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '收件设置',
  intro: '电子邮件、传真、语音留言和网站留言如何进入各服务中心的收件箱。',
  center: '服务中心',
  address: '收件地址',
  webhook: '语音留言',
  mailbox: 'IMAP 邮箱',
  none: '—',
  set: '已设置',
  edit: '设置',
  empty: '没有您可以管理的服务中心。',
  back: '返回收件设置',
  saved: '已保存。',
  save: '保存',
  errorsHeading: '请修改以下问题后再保存：',
  colon: '：',
  addressHeading: '收件地址',
  addressHint: (domain: string) =>
    `寄到这个地址的邮件（包括传真服务商转来的传真）会进入本中心的收件箱。只能用小写字母、数字和中间的 . - _，例如 newyork；完整地址是 …@${domain}。`,
  webhookHeading: '语音留言接口',
  webhookIntro: '语音留言服务商把录音（上传文件或录音地址）、来电号码、时长和转写文字 POST 到下面的地址，并用密钥签名：',
  webhookSignature:
    '签名头：X-Tuidang-Signature: t=<Unix 时间>,v1=<HMAC-SHA-256(密钥, t + "." + 请求正文) 的十六进制>。时间误差不能超过 5 分钟。',
  webhookFields: '表单字段：recording（音频文件）或 recording_url、caller、duration（秒）、transcript、id（服务商的编号，可选）。',
  secretSetAt: (when: string) => `密钥设置于 ${when}。`,
  secretNone: '还没有密钥：在生成之前，这个接口拒绝所有请求。',
  rotate: '生成新密钥',
  rotateHint: '新密钥立即生效，旧密钥随即失效。',
  secretShown: '新密钥如下。它只显示这一次，请现在复制到服务商的设置中：',
  mailboxHeading: 'IMAP 邮箱',
  mailboxIntro: '如果本中心在别处有邮箱，可以让系统每隔几分钟读取其中的未读邮件，放进收件箱，并把它们标为已读。服务器一栏留空则不读取。',
  fields: {
    address: '地址',
    imapHost: '服务器',
    imapPort: '端口',
    imapTls: '使用 TLS 加密连接（IMAPS）',
    imapUser: '用户名',
    imapPassword: '密码',
    imapFolder: '文件夹',
  },
  hints: {
    imapHost: '例如 imap.example.org。留空则不读取邮箱。',
    imapPort: '留空则使用 993（TLS）或 143。',
    imapPassword: '加密保存。留空则保留已保存的密码。',
    imapFolder: '留空则为 INBOX。',
  },
};

type InboxSettingsMessages = typeof zhHans;

const zhHant: InboxSettingsMessages = {
  title: '收件設定',
  intro: '電子郵件、傳真、語音留言和網站留言如何進入各服務中心的收件匣。',
  center: '服務中心',
  address: '收件地址',
  webhook: '語音留言',
  mailbox: 'IMAP 信箱',
  none: '—',
  set: '已設定',
  edit: '設定',
  empty: '沒有您可以管理的服務中心。',
  back: '返回收件設定',
  saved: '已儲存。',
  save: '儲存',
  errorsHeading: '請修改以下問題後再儲存：',
  colon: '：',
  addressHeading: '收件地址',
  addressHint: (domain: string) =>
    `寄到這個地址的郵件（包括傳真服務商轉來的傳真）會進入本中心的收件匣。只能用小寫字母、數字和中間的 . - _，例如 newyork；完整地址是 …@${domain}。`,
  webhookHeading: '語音留言介面',
  webhookIntro: '語音留言服務商把錄音（上傳檔案或錄音位址）、來電號碼、長度和轉寫文字 POST 到下面的位址，並用金鑰簽章：',
  webhookSignature:
    '簽章標頭：X-Tuidang-Signature: t=<Unix 時間>,v1=<HMAC-SHA-256(金鑰, t + "." + 請求內容) 的十六進位>。時間誤差不能超過 5 分鐘。',
  webhookFields: '表單欄位：recording（音訊檔）或 recording_url、caller、duration（秒）、transcript、id（服務商的編號，可選）。',
  secretSetAt: (when: string) => `金鑰設定於 ${when}。`,
  secretNone: '還沒有金鑰：在產生之前，這個介面拒絕所有請求。',
  rotate: '產生新金鑰',
  rotateHint: '新金鑰立即生效，舊金鑰隨即失效。',
  secretShown: '新金鑰如下。它只顯示這一次，請現在複製到服務商的設定中：',
  mailboxHeading: 'IMAP 信箱',
  mailboxIntro: '如果本中心在別處有信箱，可以讓系統每隔幾分鐘讀取其中的未讀郵件，放進收件匣，並把它們標為已讀。伺服器一欄留空則不讀取。',
  fields: {
    address: '地址',
    imapHost: '伺服器',
    imapPort: '連接埠',
    imapTls: '使用 TLS 加密連線（IMAPS）',
    imapUser: '使用者名稱',
    imapPassword: '密碼',
    imapFolder: '資料夾',
  },
  hints: {
    imapHost: '例如 imap.example.org。留空則不讀取信箱。',
    imapPort: '留空則使用 993（TLS）或 143。',
    imapPassword: '加密保存。留空則保留已儲存的密碼。',
    imapFolder: '留空則為 INBOX。',
  },
};

const en: InboxSettingsMessages = {
  title: 'Inbox channels',
  intro: 'How email, faxes, voicemail and web messages reach each center’s inbox.',
  center: 'Center',
  address: 'Address',
  webhook: 'Voicemail',
  mailbox: 'IMAP mailbox',
  none: '—',
  set: 'Set',
  edit: 'Settings',
  empty: 'There is no center whose settings you manage.',
  back: 'Back to the inbox channels',
  saved: 'Saved.',
  save: 'Save',
  errorsHeading: 'Please fix the following before saving:',
  colon: ': ',
  addressHeading: 'Inbox address',
  addressHint: (domain: string) =>
    `Mail to this address, faxes forwarded by a fax-to-email provider included, goes to this center’s inbox. Use lower-case letters, digits and . - _ between them, such as newyork; the whole address is …@${domain}.`,
  webhookHeading: 'Voicemail webhook',
  webhookIntro:
    'A voicemail provider POSTs the recording (a file or its URL), the caller’s number, the duration and a transcript to this address, signed with the secret:',
  webhookSignature:
    'Signature header: X-Tuidang-Signature: t=<Unix time>,v1=<hex of HMAC-SHA-256(secret, t + "." + request body)>. The clocks may differ by 5 minutes at most.',
  webhookFields:
    'Form fields: recording (an audio file) or recording_url, caller, duration (seconds), transcript, id (the provider’s id, optional).',
  secretSetAt: (when: string) => `The secret was set on ${when}.`,
  secretNone: 'There is no secret yet: until one is generated, the webhook refuses every request.',
  rotate: 'Generate a new secret',
  rotateHint: 'The new secret works at once, and the old one stops working.',
  secretShown: 'Here is the new secret. It is shown only this once: copy it into the provider’s settings now.',
  mailboxHeading: 'IMAP mailbox',
  mailboxIntro:
    'If this center keeps a mailbox elsewhere, the registry can read its unread mail every few minutes, file it in the inbox and mark it read. Leave the server empty to stop reading it.',
  fields: {
    address: 'Address',
    imapHost: 'Server',
    imapPort: 'Port',
    imapTls: 'Connect with TLS (IMAPS)',
    imapUser: 'User name',
    imapPassword: 'Password',
    imapFolder: 'Folder',
  },
  hints: {
    imapHost: 'For example imap.example.org. Empty: the mailbox is not read.',
    imapPort: 'Empty: 993 with TLS, 143 without.',
    imapPassword: 'Stored encrypted. Leave it empty to keep the stored password.',
    imapFolder: 'Empty: INBOX.',
  },
};

const catalogs: Record<Locale, InboxSettingsMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function inboxSettingsMessages(locale: Locale): InboxSettingsMessages {
  return catalogs[locale];
}
export type { InboxSettingsMessages };
