import type { Locale } from '../../../i18n/index.ts';

/** The public directory's words; zh-Hans is the shape the other two must match. */
const zhHans = {
  title: '服务中心',
  intro: '以下各地服务中心的义工接听热线电话，处理传真和电子邮件，帮助大家声明退出中共党、团、队。',
  caution: '若您身在中国大陆：打往境外的电话和国内邮箱发出的邮件都可能被监控，请不要用国内邮箱写信。您也可以不联系任何人，直接在本站声明。',
  countries: '国家和地区',
  hotline: (_count: number) => '热线电话',
  fax: '传真',
  email: '电子邮件',
  address: '地址',
  hours: '服务时间',
  languages: '语言',
  colon: '：',
  separator: '、',
  empty: '目前还没有公开的服务中心。',
};

type PublicCentersMessages = typeof zhHans;

const zhHant: PublicCentersMessages = {
  title: '服務中心',
  intro: '以下各地服務中心的義工接聽熱線電話，處理傳真和電子郵件，協助大家聲明退出中共黨、團、隊。',
  caution: '若您身在中國大陸：打往境外的電話和國內信箱寄出的郵件都可能被監控，請不要用國內信箱寫信。您也可以不聯絡任何人，直接在本站聲明。',
  countries: '國家和地區',
  hotline: (_count: number) => '熱線電話',
  fax: '傳真',
  email: '電子郵件',
  address: '地址',
  hours: '服務時間',
  languages: '語言',
  colon: '：',
  separator: '、',
  empty: '目前還沒有公開的服務中心。',
};

const en: PublicCentersMessages = {
  title: 'Service centres',
  intro:
    'Volunteers at these centres answer hotlines, faxes and emails, and help people declare that they are quitting the Party, the League and the Pioneers.',
  caution:
    'If you are in mainland China, calls abroad and mail from Chinese email providers may be monitored, so please do not write from a Chinese account. You can also declare on this site without contacting anyone.',
  countries: 'Countries and regions',
  hotline: (count: number) => (count > 1 ? 'Hotlines' : 'Hotline'),
  fax: 'Fax',
  email: 'Email',
  address: 'Address',
  hours: 'Hours',
  languages: 'Languages',
  colon: ': ',
  separator: ', ',
  empty: 'No service centres are listed yet.',
};

const catalogs: Record<Locale, PublicCentersMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function publicCentersMessages(locale: Locale): PublicCentersMessages {
  return catalogs[locale];
}
export type { PublicCentersMessages };
