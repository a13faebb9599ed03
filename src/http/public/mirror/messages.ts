import type { Locale } from '../../../i18n/index.ts';

/** What a static mirror says in place of the pages it cannot serve (docs/mirror.md); zh-Hans is the shape. */
const zhHans = {
  declare: {
    title: '在哪里声明',
    intro: '您正在浏览本站的镜像。镜像是一份静态副本，不能接收声明。请打开下面任何一个地址，在那里填写声明：',
  },
  receipt: {
    title: '在哪里查询回执',
    intro: '镜像不能查询回执。请打开下面任何一个地址，用登记号和查询密码查询：',
  },
  onion: '洋葱地址，需要用 Tor 浏览器打开',
  advice: '一个地址打不开时，请换另一个。登记号和查询密码只在上面这些地址填写，不要交给别人。',
};

export type MirrorMessages = typeof zhHans;

const zhHant: MirrorMessages = {
  declare: {
    title: '在哪裡聲明',
    intro: '您正在瀏覽本站的鏡像。鏡像是一份靜態副本，不能接收聲明。請打開下面任何一個地址，在那裡填寫聲明：',
  },
  receipt: {
    title: '在哪裡查詢回執',
    intro: '鏡像不能查詢回執。請打開下面任何一個地址，用登記號和查詢密碼查詢：',
  },
  onion: '洋蔥地址，需要用 Tor 瀏覽器打開',
  advice: '一個地址打不開時，請換另一個。登記號和查詢密碼只在上面這些地址填寫，不要交給別人。',
};

const en: MirrorMessages = {
  declare: {
    title: 'Where to declare',
    intro:
      'You are reading a mirror of this site. A mirror is a static copy and cannot take declarations. Open any of these addresses and declare there:',
  },
  receipt: {
    title: 'Where to look up your receipt',
    intro: 'A mirror cannot look up receipts. Open any of these addresses and enter your registration number and query password there:',
  },
  onion: 'an onion address: open it in Tor Browser',
  advice:
    'If one address does not open, try another. Enter your registration number and query password only at these addresses, and never give them to anyone.',
};

const MESSAGES: Record<Locale, MirrorMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function mirrorMessages(locale: Locale): MirrorMessages {
  return MESSAGES[locale];
}
