import type { Locale } from '../../../i18n/index.ts';

/** The console's words for signing in and setting a password or a second factor; zh-Hans is the shape the other two must match. */
const zhHans = {
  signIn: {
    title: '工作人员登录',
    email: '电子邮箱',
    password: '密码',
    submit: '登录',
    totpTitle: '第二步：验证码',
    totpIntro: '请输入验证器应用中显示的 6 位验证码。',
    code: '验证码',
    verify: '验证',
    usePasskey: '使用通行密钥',
  },
  enrol: {
    title: '设置密码',
    intro: '请为您的工作账户设置密码。下一步会设置验证器应用（第二重验证）。',
    resetTitle: '设置新密码',
    password: '新密码（至少 12 个字符）',
    confirm: '再输入一次',
    submit: '保存密码',
    done: '密码已保存，请登录。',
    totpTitle: '设置验证器应用',
    totpIntro: '用验证器应用（如 FreeOTP、Aegis、Google Authenticator）扫描二维码，或手动输入密钥，然后输入应用显示的验证码。',
    secret: '密钥',
    confirmCode: '确认',
  },
};

type AuthMessages = typeof zhHans;

const zhHant: AuthMessages = {
  signIn: {
    title: '工作人員登入',
    email: '電子郵件',
    password: '密碼',
    submit: '登入',
    totpTitle: '第二步：驗證碼',
    totpIntro: '請輸入驗證器應用程式中顯示的 6 位數驗證碼。',
    code: '驗證碼',
    verify: '驗證',
    usePasskey: '使用通行密鑰',
  },
  enrol: {
    title: '設定密碼',
    intro: '請為您的工作帳戶設定密碼。下一步會設定驗證器應用程式（第二重驗證）。',
    resetTitle: '設定新密碼',
    password: '新密碼（至少 12 個字元）',
    confirm: '再輸入一次',
    submit: '儲存密碼',
    done: '密碼已儲存，請登入。',
    totpTitle: '設定驗證器應用程式',
    totpIntro: '用驗證器應用程式（如 FreeOTP、Aegis、Google Authenticator）掃描 QR 碼，或手動輸入金鑰，然後輸入應用程式顯示的驗證碼。',
    secret: '金鑰',
    confirmCode: '確認',
  },
};

const en: AuthMessages = {
  signIn: {
    title: 'Staff sign-in',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    totpTitle: 'Step two: code',
    totpIntro: 'Enter the 6-digit code shown in your authenticator app.',
    code: 'Code',
    verify: 'Verify',
    usePasskey: 'Use a passkey',
  },
  enrol: {
    title: 'Choose a password',
    intro: 'Choose a password for your staff account. Next you will set up an authenticator app (the second factor).',
    resetTitle: 'Choose a new password',
    password: 'New password (at least 12 characters)',
    confirm: 'Repeat it',
    submit: 'Save password',
    done: 'Password saved. Please sign in.',
    totpTitle: 'Set up your authenticator app',
    totpIntro:
      'Scan the QR code with an authenticator app (FreeOTP, Aegis, Google Authenticator…) or type the key, then enter the code it shows.',
    secret: 'Key',
    confirmCode: 'Confirm',
  },
};

const catalogs: Record<Locale, AuthMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function authMessages(locale: Locale): AuthMessages {
  return catalogs[locale];
}
export type { AuthMessages };
