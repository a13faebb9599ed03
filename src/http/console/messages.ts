import type { Locale } from '../../i18n/index.ts';

/**
 * The words of the console's shell: its title, the navigation, role names and the home page.
 * Each feature keeps its own words in its folder. zh-Hans is the shape the other two must match.
 */
const zhHans = {
  title: '工作台',
  nav: {
    home: '概览',
    batch: '批量录入',
    moderation: '审核',
    support: '声援留言',
    certificates: '证书申请',
    selection: '每日精选',
    reasons: '退回原因',
    centerStatistics: '中心统计',
    centers: '服务中心',
    campaigns: '电话外呼',
    inbox: '收件箱',
    staff: '人员',
    inboxSettings: '收件设置',
    audit: '审计日志',
    newsletter: '新闻信',
    resources: '资源页面',
    switches: '功能开关',
    signOut: '登出',
  },
  roles: { volunteer: '义工', editor: '编辑', center_admin: '中心管理员', admin: '全局管理员', auditor: '审计员' },
  home: {
    welcome: (name: string) => `您好，${name}`,
    role: '角色',
    center: '服务中心',
    signOutEverywhere: '在所有设备上登出',
    passkeys: '管理通行密钥',
  },
};

type ConsoleMessages = typeof zhHans;

const zhHant: ConsoleMessages = {
  title: '工作台',
  nav: {
    home: '概覽',
    batch: '批次錄入',
    moderation: '審核',
    support: '聲援留言',
    certificates: '證書申請',
    selection: '每日精選',
    reasons: '退回原因',
    centerStatistics: '中心統計',
    centers: '服務中心',
    campaigns: '電話外呼',
    inbox: '收件匣',
    staff: '人員',
    inboxSettings: '收件設定',
    audit: '稽核日誌',
    newsletter: '新聞信',
    resources: '資源頁面',
    switches: '功能開關',
    signOut: '登出',
  },
  roles: { volunteer: '義工', editor: '編輯', center_admin: '中心管理員', admin: '全域管理員', auditor: '稽核員' },
  home: {
    welcome: (name: string) => `您好，${name}`,
    role: '角色',
    center: '服務中心',
    signOutEverywhere: '在所有裝置上登出',
    passkeys: '管理通行密鑰',
  },
};

const en: ConsoleMessages = {
  title: 'Console',
  nav: {
    home: 'Overview',
    batch: 'Batch entry',
    moderation: 'Moderation',
    support: 'Messages of support',
    certificates: 'Certificates',
    selection: 'Daily selection',
    reasons: 'Rejection reasons',
    centerStatistics: 'Center figures',
    centers: 'Centers',
    campaigns: 'Phone banks',
    inbox: 'Inbox',
    staff: 'Staff',
    inboxSettings: 'Inbox channels',
    audit: 'Audit log',
    newsletter: 'Newsletter',
    resources: 'Resources page',
    switches: 'Kill switches',
    signOut: 'Sign out',
  },
  roles: { volunteer: 'Volunteer', editor: 'Editor', center_admin: 'Center admin', admin: 'Global admin', auditor: 'Auditor' },
  home: {
    welcome: (name: string) => `Hello, ${name}`,
    role: 'Role',
    center: 'Center',
    signOutEverywhere: 'Sign out on every device',
    passkeys: 'Manage passkeys',
  },
};

const catalogs: Record<Locale, ConsoleMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function consoleMessages(locale: Locale): ConsoleMessages {
  return catalogs[locale];
}
export type { ConsoleMessages };
