import type { Locale } from '../../../i18n/index.ts';
import type { ResourceLinkKind } from '../../../domain/resources/links.ts';

/** The resources page's own words around the text an admin edits; zh-Hans is the shape. */
const zhHans = {
  title: '翻墙与联系方式',
  addressesHeading: '本站的地址',
  kinds: { mirror: '镜像地址', onion: '洋葱地址（只能用 Tor 浏览器打开）', download: '软件下载' } satisfies Record<
    ResourceLinkKind,
    string
  >,
  addressesHint: '请把地址抄下来，或加入书签。这些地址由本站管理员核实后公布。',
  noAddresses: '本站现在还没有公布镜像地址或洋葱地址。如果这个网址打不开，请打电话或写电子邮件给服务中心询问，他们可以告诉您最新的地址。',
  contactsHeading: '服务中心的联系方式',
  contacts: '各地服务中心的热线电话、传真、电子邮箱和地址',
  colon: '：',
};

type HelpMessages = typeof zhHans;

const zhHant: HelpMessages = {
  title: '翻牆與聯絡方式',
  addressesHeading: '本站的地址',
  kinds: { mirror: '鏡像地址', onion: '洋蔥地址（只能用 Tor 瀏覽器開啟）', download: '軟體下載' },
  addressesHint: '請把地址抄下來，或加入書籤。這些地址由本站管理員核實後公布。',
  noAddresses: '本站目前還沒有公布鏡像地址或洋蔥地址。如果這個網址打不開，請打電話或寫電子郵件給服務中心詢問，他們可以告訴您最新的地址。',
  contactsHeading: '服務中心的聯絡方式',
  contacts: '各地服務中心的熱線電話、傳真、電子信箱和地址',
  colon: '：',
};

const en: HelpMessages = {
  title: 'Circumvention and contacts',
  addressesHeading: 'Addresses of this site',
  kinds: { mirror: 'Mirrors', onion: 'Onion address (opens only in Tor Browser)', download: 'Downloads' },
  addressesHint: "Write these addresses down or bookmark them. The site's administrators checked each one before listing it.",
  noAddresses:
    'No mirror or onion address has been published yet. If this address stops working, call or email a service centre: they can tell you the latest one.',
  contactsHeading: 'Contacting a service centre',
  contacts: 'Hotlines, fax numbers, email and postal addresses of the service centres',
  colon: ': ',
};

const catalogs: Record<Locale, HelpMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function helpMessages(locale: Locale): HelpMessages {
  return catalogs[locale];
}
