import type { Locale } from '../../../i18n/index.ts';

/** The console's words for the audit log; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '审计日志',
  intro: '所有特权操作都按顺序记录，每条记录都包含前一条的哈希值；删除或修改任何一条都会被发现。',
  action: '操作',
  actor: '执行者',
  target: '对象',
  time: '时间',
  details: '详情',
  filter: '筛选',
  older: '更早的记录',
  intact: (n: number) => `哈希链完整（已核对 ${n} 条）。`,
  broken: (id: number) => `哈希链在第 ${id} 条处断裂！`,
  anchorsFile: '数据目录中的锚点文件',
  checkpoint: (size: number) => `透明日志大小为 ${size} 的检查点`,
  contradictedBy: (anchors: readonly string[]) => `与之矛盾的锚点：${anchors.join('、')}。`,
  unverifiedCheckpoints: (n: number) => `有 ${n} 个存储的检查点无法用日志的密钥验证，其中的审计锚点不可信！`,
};

type AuditMessages = typeof zhHans;

const zhHant: AuditMessages = {
  title: '稽核日誌',
  intro: '所有特權操作都依序記錄，每筆記錄都包含前一筆的雜湊值；刪除或修改任何一筆都會被發現。',
  action: '操作',
  actor: '執行者',
  target: '對象',
  time: '時間',
  details: '詳情',
  filter: '篩選',
  older: '更早的記錄',
  intact: (n: number) => `雜湊鏈完整（已核對 ${n} 筆）。`,
  broken: (id: number) => `雜湊鏈在第 ${id} 筆處斷裂！`,
  anchorsFile: '資料目錄中的錨點檔案',
  checkpoint: (size: number) => `透明日誌大小為 ${size} 的檢查點`,
  contradictedBy: (anchors: readonly string[]) => `與之矛盾的錨點：${anchors.join('、')}。`,
  unverifiedCheckpoints: (n: number) => `有 ${n} 個儲存的檢查點無法以日誌的金鑰驗證，其中的稽核錨點不可信！`,
};

const en: AuditMessages = {
  title: 'Audit log',
  intro:
    'Every privileged action is recorded in order; each entry carries the hash of the one before, so a deleted or altered entry is detected.',
  action: 'Action',
  actor: 'By',
  target: 'Target',
  time: 'Time',
  details: 'Details',
  filter: 'Filter',
  older: 'Older entries',
  intact: (n: number) => `Hash chain intact (${n} entries checked).`,
  broken: (id: number) => `Hash chain BROKEN at entry ${id}!`,
  anchorsFile: 'the anchors file in the data dir',
  checkpoint: (size: number) => `the transparency log's checkpoint of size ${size}`,
  contradictedBy: (anchors: readonly string[]) => `Contradicted by ${anchors.join(' and ')}.`,
  unverifiedCheckpoints: (n: number) =>
    `${n} stored checkpoint(s) do not verify under the log's keys: their audit anchors cannot be trusted!`,
};

const catalogs: Record<Locale, AuditMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function auditMessages(locale: Locale): AuditMessages {
  return catalogs[locale];
}
export type { AuditMessages };
