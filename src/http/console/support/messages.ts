import type { Locale } from '../../../i18n/index.ts';

/** The console's words for messages of support; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '声援留言审核',
  intro: '读者留给三退朋友的留言。发表后公开显示，不计入三退人数。',
  columns: { select: '选择', message: '留言', name: '署名', region: '地区', language: '页面语言', created: '提交时间' },
  languages: { 'zh-hans': '简体', 'zh-hant': '繁体', en: '英文' } satisfies Record<Locale, string>,
  anonymous: '（未署名）',
  approveSelected: '发表所选',
  rejectSelected: '不予发表所选',
  keyboardHint: '键盘：Tab 移到复选框，空格勾选；Alt+A 发表所选，Alt+R 不予发表所选（Firefox 用 Alt+Shift，Mac 用 Control+Option）。',
  outcome: (done: number, skipped: number) => `已处理 ${done} 条${skipped > 0 ? `，跳过 ${skipped} 条（状态已变或不存在）` : ''}。`,
  noneSelected: '请先勾选要处理的留言。',
  empty: '没有待审核的留言。',
  next: '下一页',
};

type SupportConsoleMessages = typeof zhHans;

const zhHant: SupportConsoleMessages = {
  title: '聲援留言審核',
  intro: '讀者留給三退朋友的留言。發表後公開顯示，不計入三退人數。',
  columns: { select: '選擇', message: '留言', name: '署名', region: '地區', language: '頁面語言', created: '提交時間' },
  languages: { 'zh-hans': '簡體', 'zh-hant': '繁體', en: '英文' },
  anonymous: '（未署名）',
  approveSelected: '發表所選',
  rejectSelected: '不予發表所選',
  keyboardHint: '鍵盤：Tab 移到核取方塊，空白鍵勾選；Alt+A 發表所選，Alt+R 不予發表所選（Firefox 用 Alt+Shift，Mac 用 Control+Option）。',
  outcome: (done: number, skipped: number) => `已處理 ${done} 則${skipped > 0 ? `，略過 ${skipped} 則（狀態已變或不存在）` : ''}。`,
  noneSelected: '請先勾選要處理的留言。',
  empty: '沒有待審核的留言。',
  next: '下一頁',
};

const en: SupportConsoleMessages = {
  title: 'Messages of support',
  intro: 'Messages readers leave for those who have quit. Once published they are public; they are never counted.',
  columns: { select: 'Select', message: 'Message', name: 'Name', region: 'Region', language: 'Page language', created: 'Submitted' },
  languages: { 'zh-hans': 'Simplified', 'zh-hant': 'Traditional', en: 'English' },
  anonymous: '(no name)',
  approveSelected: 'Publish selected',
  rejectSelected: 'Reject selected',
  keyboardHint:
    'Keyboard: Tab to a checkbox, Space to tick it; Alt+A publishes the selected messages, Alt+R rejects them (Alt+Shift in Firefox, Control+Option on a Mac).',
  outcome: (done: number, skipped: number) =>
    `${done} ${done === 1 ? 'message' : 'messages'} done${skipped > 0 ? `, ${skipped} skipped (already decided or not found)` : ''}.`,
  noneSelected: 'Tick the messages to decide first.',
  empty: 'No messages are waiting for review.',
  next: 'Next page',
};

const catalogs: Record<Locale, SupportConsoleMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function supportConsoleMessages(locale: Locale): SupportConsoleMessages {
  return catalogs[locale];
}
export type { SupportConsoleMessages };
