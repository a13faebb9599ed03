import type { SwitchName } from '../../../domain/flood/switches.ts';
import type { Locale } from '../../../i18n/index.ts';

/** The console's words for the kill switches; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '功能开关',
  intro:
    '遇到攻击或紧急情况时，可以单独关闭下面的公开功能。关闭期间，访问者会看到一个说明页面（HTTP 503）；已经保存的内容不受影响，重新打开后一切照旧。每次开关都记入审计日志。命令行：tuidang switches set 名称 on|off',
  columns: { feature: '功能', state: '状态', change: '操作' },
  names: {
    submissions: '提交声明（网页表单和 API）',
    support: '留言（支持和联系表单）',
    search: '搜索',
    statistics: '统计页面和统计 API',
  } satisfies Record<SwitchName, string>,
  on: '开启',
  off: '已关闭',
  turnOff: '关闭',
  turnOn: '重新开启',
  changed: (name: string, on: boolean) => `“${name}”已${on ? '重新开启' : '关闭'}。`,
};

type SwitchesMessages = typeof zhHans;

const zhHant: SwitchesMessages = {
  title: '功能開關',
  intro:
    '遇到攻擊或緊急情況時，可以單獨關閉下面的公開功能。關閉期間，訪客會看到一個說明頁面（HTTP 503）；已經儲存的內容不受影響，重新開啟後一切照舊。每次開關都記入稽核日誌。命令列：tuidang switches set 名稱 on|off',
  columns: { feature: '功能', state: '狀態', change: '操作' },
  names: {
    submissions: '提交聲明（網頁表單和 API）',
    support: '留言（支援和聯絡表單）',
    search: '搜尋',
    statistics: '統計頁面和統計 API',
  },
  on: '開啟',
  off: '已關閉',
  turnOff: '關閉',
  turnOn: '重新開啟',
  changed: (name: string, on: boolean) => `「${name}」已${on ? '重新開啟' : '關閉'}。`,
};

const en: SwitchesMessages = {
  title: 'Kill switches',
  intro:
    'Under attack or in an emergency, each public feature below can be switched off on its own. While it is off, visitors see a page that says so (HTTP 503); nothing stored is touched, and switching it on again brings everything back as it was. Every change is in the audit log. On the command line: tuidang switches set NAME on|off',
  columns: { feature: 'Feature', state: 'State', change: 'Change' },
  names: {
    submissions: 'Submitting declarations (web form and API)',
    support: 'Messages (support and contact forms)',
    search: 'Search',
    statistics: 'Statistics page and API',
  },
  on: 'On',
  off: 'Off',
  turnOff: 'Switch off',
  turnOn: 'Switch on again',
  changed: (name: string, on: boolean) => `${name}: switched ${on ? 'on again' : 'off'}.`,
};

const catalogs: Record<Locale, SwitchesMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function switchesMessages(locale: Locale): SwitchesMessages {
  return catalogs[locale];
}
export type { SwitchesMessages };
