import type { Locale } from '../../../i18n/index.ts';

/** The console's words for the staff pages; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '人员',
  add: '添加人员',
  name: '姓名',
  email: '电子邮箱',
  role: '角色',
  center: '服务中心',
  trusted: '可信义工（录入后直接发表）',
  active: '在职',
  inactive: '已停用',
  create: '创建账户',
  created: '账户已创建。请把这个一次性链接安全地交给本人（72 小时内有效）：',
  resetLink: '发送重设密码链接',
  resetIssued: '一次性链接（只显示这一次）：',
  resetSecondFactor: '重设第二重验证',
  revokeSessions: '结束所有会话',
  deactivate: '停用',
  activate: '启用',
  trust: '设为可信',
  untrust: '取消可信',
  changeRole: '更改角色',
  done: '已完成。',
  // Centers chosen by name; confirming a deactivation.
  noCenter: '无（全局管理员）',
  confirmTitle: '停用账户',
  confirmDeactivate: (name: string, email: string) => `确定要停用 ${name}（${email}）的账户吗？`,
  deactivateEffect: '停用后，此人的所有会话立即结束，也不能再登录；以后可以重新启用。',
  confirmDeactivateButton: '确定停用',
  cancel: '取消',
};

type StaffMessages = typeof zhHans;

const zhHant: StaffMessages = {
  title: '人員',
  add: '新增人員',
  name: '姓名',
  email: '電子郵件',
  role: '角色',
  center: '服務中心',
  trusted: '可信義工（錄入後直接發表）',
  active: '在職',
  inactive: '已停用',
  create: '建立帳戶',
  created: '帳戶已建立。請把這個一次性連結安全地交給本人（72 小時內有效）：',
  resetLink: '發送重設密碼連結',
  resetIssued: '一次性連結（只顯示這一次）：',
  resetSecondFactor: '重設第二重驗證',
  revokeSessions: '結束所有工作階段',
  deactivate: '停用',
  activate: '啟用',
  trust: '設為可信',
  untrust: '取消可信',
  changeRole: '變更角色',
  done: '已完成。',
  // Centers chosen by name; confirming a deactivation.
  noCenter: '無（全域管理員）',
  confirmTitle: '停用帳戶',
  confirmDeactivate: (name: string, email: string) => `確定要停用 ${name}（${email}）的帳戶嗎？`,
  deactivateEffect: '停用後，此人的所有工作階段立即結束，也不能再登入；日後可以重新啟用。',
  confirmDeactivateButton: '確定停用',
  cancel: '取消',
};

const en: StaffMessages = {
  title: 'Staff',
  add: 'Add a staff member',
  name: 'Name',
  email: 'E-mail',
  role: 'Role',
  center: 'Center',
  trusted: 'Trusted volunteer (entries are published directly)',
  active: 'Active',
  inactive: 'Deactivated',
  create: 'Create account',
  created: 'Account created. Hand this one-time link to the person safely (valid 72 hours):',
  resetLink: 'Issue a password reset link',
  resetIssued: 'One-time link (shown only now):',
  resetSecondFactor: 'Reset second factor',
  revokeSessions: 'End all sessions',
  deactivate: 'Deactivate',
  activate: 'Activate',
  trust: 'Mark trusted',
  untrust: 'Remove trust',
  changeRole: 'Change role',
  done: 'Done.',
  // Centers chosen by name; confirming a deactivation.
  noCenter: 'None (global admin)',
  confirmTitle: 'Deactivate account',
  confirmDeactivate: (name: string, email: string) => `Deactivate the account of ${name} (${email})?`,
  deactivateEffect: 'All of their sessions end at once and they can no longer sign in. You can activate the account again later.',
  confirmDeactivateButton: 'Deactivate',
  cancel: 'Cancel',
};

const catalogs: Record<Locale, StaffMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function staffMessages(locale: Locale): StaffMessages {
  return catalogs[locale];
}
export type { StaffMessages };
