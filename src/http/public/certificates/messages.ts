import type { Organization } from '../../../domain/declaration/organizations.ts';
import type { Locale } from '../../../i18n/index.ts';

/** The words of certificates and their verification (docs/certificates.md); zh-Hans is the shape. */
const zhHans = {
  standing: {
    title: '三退证书',
    intro: '用真实姓名声明三退的朋友，可以申请一份三退证书。编辑审核通过后签发，证书上有编号和二维码，任何人都可以查验真伪。',
    notPublished: '声明审核发表之后，才能申请证书。请以后再来查看。',
    nameLabel: '证书上的名字',
    nameHint: '必须和声明中的名字完全一样。',
    disclosureLegend: '别人查验证书编号时，可以看到什么？',
    disclosure: {
      name: '我的名字和退出的组织',
      validity: '只显示“证书有效，签发于某年某月某日”，不显示名字',
    },
    realName: '我确认这是我本人的真实姓名。',
    safety: '用真实姓名会让别人知道您的身份。在中国大陆，请先想清楚有没有风险；用化名声明的朋友，不需要证书，声明同样有效。',
    submit: '申请证书',
    requested: (date: string) => `您已于 ${date} 申请证书，正在等待编辑审核。`,
    refused: '上次的申请没有通过。您可以重新申请。',
    issued: (date: string) => `证书已于 ${date} 签发。`,
    revoked: '这份证书已经作废，因为声明已经撤回或不再公开。',
    open: '打开证书（可打印）',
    back: '返回查询结果',
  },
  requestedPage: {
    title: '证书申请已提交',
    body: '编辑会尽快审核。审核通过后，请用登记号和查询密码查询，在查询结果中打开证书。',
  },
  document: {
    heading: '三退证书',
    certifies: '兹证明',
    body: (orgs: string, site: string) => `已在${site}公开声明退出${orgs}。这份声明经编辑审核后发表。`,
    numberLabel: '证书编号',
    issuedLabel: '签发日期',
    verify: (url: string) => `扫描二维码或打开 ${url}，输入证书编号，即可查验真伪。`,
    signature: '数字签名（Ed25519）。离线查验：tuidang certificates verify 文件',
    revoked: '此证书已作废。',
    printHint: '打印：使用浏览器的“打印”功能，纸张选 A4 或 Letter 都可以。保存网页也可以离线查验签名。',
    qrAlt: '查验证书的二维码',
  },
  verify: {
    title: '查验证书',
    intro: '输入三退证书上的编号（TD 开头，后面 16 位数字），查看证书是否有效。',
    numberLabel: '证书编号',
    submit: '查验',
    invalidNumber: '这不是一个有效的证书编号。请检查是否抄错。',
    unknown: '没有找到这个编号的证书。请检查编号是否抄错。',
    valid: (date: string) => `证书有效，签发于 ${date}。`,
    revoked: (date: string) => `这份证书已经作废（原签发于 ${date}）：持有人撤回了声明，或声明已不再公开。`,
    nameLabel: '姓名',
    orgsLabel: '退出',
    hidden: '持有人选择不公开名字。',
  },
  orgs: (orgs: readonly Organization[]) =>
    orgs.map((org) => ({ party: '中国共产党', league: '共青团', pioneers: '少先队' })[org]).join('、'),
};

export type CertificateMessages = typeof zhHans;

const zhHant: CertificateMessages = {
  standing: {
    title: '三退證書',
    intro: '用真實姓名聲明三退的朋友，可以申請一份三退證書。編輯審核通過後簽發，證書上有編號和二維碼，任何人都可以查驗真偽。',
    notPublished: '聲明審核發表之後，才能申請證書。請以後再來查看。',
    nameLabel: '證書上的名字',
    nameHint: '必須和聲明中的名字完全一樣。',
    disclosureLegend: '別人查驗證書編號時，可以看到什麼？',
    disclosure: {
      name: '我的名字和退出的組織',
      validity: '只顯示「證書有效，簽發於某年某月某日」，不顯示名字',
    },
    realName: '我確認這是我本人的真實姓名。',
    safety: '用真實姓名會讓別人知道您的身分。在中國大陸，請先想清楚有沒有風險；用化名聲明的朋友，不需要證書，聲明同樣有效。',
    submit: '申請證書',
    requested: (date: string) => `您已於 ${date} 申請證書，正在等待編輯審核。`,
    refused: '上次的申請沒有通過。您可以重新申請。',
    issued: (date: string) => `證書已於 ${date} 簽發。`,
    revoked: '這份證書已經作廢，因為聲明已經撤回或不再公開。',
    open: '打開證書（可列印）',
    back: '返回查詢結果',
  },
  requestedPage: {
    title: '證書申請已送出',
    body: '編輯會盡快審核。審核通過後，請用登記號和查詢密碼查詢，在查詢結果中打開證書。',
  },
  document: {
    heading: '三退證書',
    certifies: '茲證明',
    body: (orgs: string, site: string) => `已在${site}公開聲明退出${orgs}。這份聲明經編輯審核後發表。`,
    numberLabel: '證書編號',
    issuedLabel: '簽發日期',
    verify: (url: string) => `掃描二維碼或打開 ${url}，輸入證書編號，即可查驗真偽。`,
    signature: '數位簽章（Ed25519）。離線查驗：tuidang certificates verify 檔案',
    revoked: '此證書已作廢。',
    printHint: '列印：使用瀏覽器的「列印」功能，紙張選 A4 或 Letter 都可以。儲存網頁也可以離線查驗簽章。',
    qrAlt: '查驗證書的二維碼',
  },
  verify: {
    title: '查驗證書',
    intro: '輸入三退證書上的編號（TD 開頭，後面 16 位數字），查看證書是否有效。',
    numberLabel: '證書編號',
    submit: '查驗',
    invalidNumber: '這不是一個有效的證書編號。請檢查是否抄錯。',
    unknown: '沒有找到這個編號的證書。請檢查編號是否抄錯。',
    valid: (date: string) => `證書有效，簽發於 ${date}。`,
    revoked: (date: string) => `這份證書已經作廢（原簽發於 ${date}）：持有人撤回了聲明，或聲明已不再公開。`,
    nameLabel: '姓名',
    orgsLabel: '退出',
    hidden: '持有人選擇不公開名字。',
  },
  orgs: (orgs) => orgs.map((org) => ({ party: '中國共產黨', league: '共青團', pioneers: '少先隊' })[org]).join('、'),
};

const ENGLISH_ORGS: Record<Organization, string> = {
  party: 'the Chinese Communist Party',
  league: 'the Communist Youth League',
  pioneers: 'the Young Pioneers',
};

const en: CertificateMessages = {
  standing: {
    title: 'Certificate',
    intro:
      'If you declared under your real name, you can ask for a certificate. An editor reviews the request; the certificate then carries a number and a QR code, so anyone can check that it is genuine.',
    notPublished: 'You can ask for a certificate once your declaration has been reviewed and published. Please check again later.',
    nameLabel: 'Name on the certificate',
    nameHint: 'Exactly as it appears in your declaration.',
    disclosureLegend: 'When someone checks the certificate number, what may they see?',
    disclosure: {
      name: 'My name and the organisations I quit',
      validity: 'Only “valid, issued on …”, without my name',
    },
    realName: 'I confirm that this is my own real name.',
    safety:
      'A real name tells others who you are. If you are in mainland China, think about the risk first. If you declared under an alias, you need no certificate: your declaration counts just the same.',
    submit: 'Ask for a certificate',
    requested: (date: string) => `You asked for a certificate on ${date}. It is waiting for an editor.`,
    refused: 'Your last request was not approved. You may ask again.',
    issued: (date: string) => `Your certificate was issued on ${date}.`,
    revoked: 'This certificate has been revoked, because the declaration was withdrawn or is no longer public.',
    open: 'Open the certificate (printable)',
    back: 'Back to your declaration',
  },
  requestedPage: {
    title: 'Certificate requested',
    body: 'An editor will review your request soon. Once it is approved, look up your declaration with its registration number and query password, and open the certificate from there.',
  },
  document: {
    heading: 'Certificate of Renunciation',
    certifies: 'This is to certify that',
    body: (orgs: string, site: string) =>
      `has publicly declared in the ${site} that they renounce ${orgs}. The declaration was reviewed by an editor and published.`,
    numberLabel: 'Certificate number',
    issuedLabel: 'Issued on',
    verify: (url: string) => `To check that it is genuine, scan the QR code or open ${url} and enter the certificate number.`,
    signature: 'Digital signature (Ed25519). To check it offline: tuidang certificates verify FILE',
    revoked: 'This certificate has been revoked.',
    printHint:
      "To print, use your browser's Print command; A4 and Letter paper both fit. A saved copy of this page can be checked offline.",
    qrAlt: 'QR code to check the certificate',
  },
  verify: {
    title: 'Check a certificate',
    intro: 'Enter the number on the certificate (TD followed by 16 digits) to see whether it is valid.',
    numberLabel: 'Certificate number',
    submit: 'Check',
    invalidNumber: 'This is not a valid certificate number. Please check for a typing mistake.',
    unknown: 'No certificate has this number. Please check for a typing mistake.',
    valid: (date: string) => `Valid, issued on ${date}.`,
    revoked: (date: string) =>
      `This certificate has been revoked (it was issued on ${date}): its holder withdrew the declaration, or the declaration is no longer public.`,
    nameLabel: 'Name',
    orgsLabel: 'Quit',
    hidden: 'The holder chose not to show their name.',
  },
  orgs: (orgs) => {
    const names = orgs.map((org) => ENGLISH_ORGS[org]);
    return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  },
};

const MESSAGES: Record<Locale, CertificateMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function certificateMessages(locale: Locale): CertificateMessages {
  return MESSAGES[locale];
}
