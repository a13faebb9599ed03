import type { Locale } from '../../../i18n/index.ts';

/** The console's words for certificate requests; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '证书申请',
  intro:
    '用真实姓名声明的人通过查询回执申请的三退证书。签发前请核对：证书上的名字与已发表声明中的名字一致，且看起来是真实姓名，不是化名。签发的证书由本站密钥签名；声明撤回后，证书自动作废。',
  columns: {
    select: '选择',
    name: '证书上的名字',
    declaration: '声明',
    orgs: '退出',
    disclosure: '查验时显示',
    language: '语言',
    requested: '申请时间',
  },
  disclosure: { name: '名字', validity: '只显示有效' },
  languages: { 'zh-hans': '简体', 'zh-hant': '繁体', en: '英文' } satisfies Record<Locale, string>,
  orgs: { party: '党', league: '团', pioneers: '队' },
  issueSelected: '签发所选',
  refuseSelected: '不予签发所选',
  outcome: (done: number, skipped: number) =>
    `已处理 ${done} 份${skipped > 0 ? `，跳过 ${skipped} 份（已处理过，或声明已不再公开）` : ''}。`,
  noneSelected: '请先勾选要处理的申请。',
  empty: '没有待处理的证书申请。',
  next: '下一页',
};

type CertificatesConsoleMessages = typeof zhHans;

const zhHant: CertificatesConsoleMessages = {
  title: '證書申請',
  intro:
    '用真實姓名聲明的人透過查詢回執申請的三退證書。簽發前請核對：證書上的名字與已發表聲明中的名字一致，且看起來是真實姓名，不是化名。簽發的證書由本站金鑰簽章；聲明撤回後，證書自動作廢。',
  columns: {
    select: '選擇',
    name: '證書上的名字',
    declaration: '聲明',
    orgs: '退出',
    disclosure: '查驗時顯示',
    language: '語言',
    requested: '申請時間',
  },
  disclosure: { name: '名字', validity: '只顯示有效' },
  languages: { 'zh-hans': '簡體', 'zh-hant': '繁體', en: '英文' },
  orgs: { party: '黨', league: '團', pioneers: '隊' },
  issueSelected: '簽發所選',
  refuseSelected: '不予簽發所選',
  outcome: (done: number, skipped: number) =>
    `已處理 ${done} 份${skipped > 0 ? `，略過 ${skipped} 份（已處理過，或聲明已不再公開）` : ''}。`,
  noneSelected: '請先勾選要處理的申請。',
  empty: '沒有待處理的證書申請。',
  next: '下一頁',
};

const en: CertificatesConsoleMessages = {
  title: 'Certificate requests',
  intro:
    'Certificates asked for through the receipt by people who declared under their real name. Before issuing one, check that the name matches the published declaration and looks like a real name rather than an alias. Issued certificates are signed with the registry’s key; a withdrawn declaration revokes its certificate.',
  columns: {
    select: 'Select',
    name: 'Name on the certificate',
    declaration: 'Declaration',
    orgs: 'Quit',
    disclosure: 'Shown on checks',
    language: 'Language',
    requested: 'Requested',
  },
  disclosure: { name: 'Name', validity: 'Validity only' },
  languages: { 'zh-hans': 'Simplified', 'zh-hant': 'Traditional', en: 'English' },
  orgs: { party: 'Party', league: 'League', pioneers: 'Pioneers' },
  issueSelected: 'Issue selected',
  refuseSelected: 'Refuse selected',
  outcome: (done: number, skipped: number) =>
    `${done} handled${skipped > 0 ? `, ${skipped} skipped (already decided, or the declaration is no longer public)` : ''}.`,
  noneSelected: 'Tick the requests to decide first.',
  empty: 'No certificate requests are waiting.',
  next: 'Next page',
};

const MESSAGES: Record<Locale, CertificatesConsoleMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function certificatesConsoleMessages(locale: Locale): CertificatesConsoleMessages {
  return MESSAGES[locale];
}
