import type { CallbackState } from '../../../domain/outreach/contact-status.ts';
import type { Outcome } from '../../../domain/outreach/outcomes.ts';
import type { Locale } from '../../../i18n/index.ts';

/** The words of the calling screen and the callbacks queue; zh-Hans is the shape. */
const zhHans = {
  callbacks: {
    title: '回拨',
    link: '回拨名单',
    mine: '我的回拨',
    center: '中心的回拨（任何人都可以接手）',
    empty: '没有待回拨的电话。',
    when: '时间（对方当地）',
    campaign: '外呼活动',
    state: { upcoming: '未到时间', due: '到时间了', overdue: '已超时' } satisfies Record<CallbackState, string>,
    take: '接手并拨打',
  },
  call: {
    title: '拨打电话',
    open: '开始拨打',
    none: '您的领取名单里没有要拨打的号码了。',
    reveal: '显示号码',
    revealHint: '每次显示号码都会记入审计日志。',
    dial: '拨打',
    localTime: (clock: string) => `对方当地时间 ${clock}`,
    outsideHours: (from: string, until: string) => `现在不在拨打时段（${from}–${until}，对方当地时间）内。`,
    script: '通话脚本',
    noScript: '这个活动还没有通话脚本。',
    outcome: '通话结果',
    callbackAt: '回拨时间（对方当地时间）',
    record: '记录结果，拨打下一个',
    recorded: '结果已记录。',
    outcomes: {
      noAnswer: '无人接听',
      busy: '占线',
      voicemail: '已留言',
      wrongNumber: '号码有误',
      disconnected: '空号或停机',
      refused: '拒绝',
      hostile: '态度恶劣',
      languageBarrier: '语言不通',
      alreadyDeclared: '已经三退',
      wantsMaterials: '想要资料',
      callbackRequested: '约定回拨',
      declared: '同意三退',
      doNotCall: '要求不再来电',
    } satisfies Record<Outcome, string>,
  },
};

type CallMessages = typeof zhHans;

const zhHant: CallMessages = {
  callbacks: {
    title: '回撥',
    link: '回撥名單',
    mine: '我的回撥',
    center: '中心的回撥（任何人都可以接手）',
    empty: '沒有待回撥的電話。',
    when: '時間（對方當地）',
    campaign: '外呼活動',
    state: { upcoming: '未到時間', due: '到時間了', overdue: '已逾時' },
    take: '接手並撥打',
  },
  call: {
    title: '撥打電話',
    open: '開始撥打',
    none: '您的領取名單裡沒有要撥打的號碼了。',
    reveal: '顯示號碼',
    revealHint: '每次顯示號碼都會記入稽核日誌。',
    dial: '撥打',
    localTime: (clock: string) => `對方當地時間 ${clock}`,
    outsideHours: (from: string, until: string) => `現在不在撥打時段（${from}–${until}，對方當地時間）內。`,
    script: '通話腳本',
    noScript: '這個活動還沒有通話腳本。',
    outcome: '通話結果',
    callbackAt: '回撥時間（對方當地時間）',
    record: '記錄結果，撥打下一個',
    recorded: '結果已記錄。',
    outcomes: {
      noAnswer: '無人接聽',
      busy: '佔線',
      voicemail: '已留言',
      wrongNumber: '號碼有誤',
      disconnected: '空號或停機',
      refused: '拒絕',
      hostile: '態度惡劣',
      languageBarrier: '語言不通',
      alreadyDeclared: '已經三退',
      wantsMaterials: '想要資料',
      callbackRequested: '約定回撥',
      declared: '同意三退',
      doNotCall: '要求不再來電',
    },
  },
};

const en: CallMessages = {
  callbacks: {
    title: 'Callbacks',
    link: 'Callbacks',
    mine: 'My callbacks',
    center: 'The center’s callbacks (anyone may take them)',
    empty: 'No calls to return.',
    when: 'When (callee’s time)',
    campaign: 'Campaign',
    state: { upcoming: 'Not yet', due: 'Due', overdue: 'Overdue' },
    take: 'Take and call',
  },
  call: {
    title: 'Calling',
    open: 'Start calling',
    none: 'Your lease has no numbers left to call.',
    reveal: 'Show number',
    revealHint: 'Every time a number is shown, it is written to the audit log.',
    dial: 'Call',
    localTime: (clock: string) => `Callee’s local time ${clock}`,
    outsideHours: (from: string, until: string) => `It is outside calling hours (${from}–${until}, callee’s local time).`,
    script: 'Script',
    noScript: 'This campaign has no script yet.',
    outcome: 'How the call ended',
    callbackAt: 'Call back at (callee’s local time)',
    record: 'Record and call the next',
    recorded: 'Outcome recorded.',
    outcomes: {
      noAnswer: 'No answer',
      busy: 'Busy',
      voicemail: 'Voicemail left',
      wrongNumber: 'Wrong number',
      disconnected: 'Disconnected',
      refused: 'Refused',
      hostile: 'Hostile',
      languageBarrier: 'Language barrier',
      alreadyDeclared: 'Already declared',
      wantsMaterials: 'Wants materials',
      callbackRequested: 'Callback requested',
      declared: 'Declared',
      doNotCall: 'Do not call again',
    },
  },
};

const catalogs: Record<Locale, CallMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function callMessages(locale: Locale): CallMessages {
  return catalogs[locale];
}

export type { CallMessages };
