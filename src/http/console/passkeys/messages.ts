import type { Locale } from '../../../i18n/index.ts';

/** The console's words for the passkeys page; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '通行密钥',
  intro: '通行密钥（如手机、电脑的指纹或面容解锁，或安全密钥）可以代替验证码作为第二重验证。验证码始终可以使用。',
  name: '名称',
  add: '添加通行密钥',
  remove: '删除',
  never: '从未使用',
  needsScript: '添加通行密钥需要开启 JavaScript；不开启也可以继续用验证码登录。',
};

type PasskeysMessages = typeof zhHans;

const zhHant: PasskeysMessages = {
  title: '通行密鑰',
  intro: '通行密鑰（如手機、電腦的指紋或臉部解鎖，或安全金鑰）可以代替驗證碼作為第二重驗證。驗證碼始終可以使用。',
  name: '名稱',
  add: '新增通行密鑰',
  remove: '刪除',
  never: '從未使用',
  needsScript: '新增通行密鑰需要開啟 JavaScript；不開啟也可以繼續用驗證碼登入。',
};

const en: PasskeysMessages = {
  title: 'Passkeys',
  intro:
    'A passkey (fingerprint or face unlock on a phone or computer, or a security key) can replace the code as your second factor. Codes always keep working.',
  name: 'Name',
  add: 'Add a passkey',
  remove: 'Remove',
  never: 'never used',
  needsScript: 'Adding a passkey needs JavaScript; without it you keep signing in with codes.',
};

const catalogs: Record<Locale, PasskeysMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function passkeysMessages(locale: Locale): PasskeysMessages {
  return catalogs[locale];
}
export type { PasskeysMessages };
