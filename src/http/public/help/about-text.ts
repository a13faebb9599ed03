import type { Locale } from '../../../i18n/index.ts';
import type { HelpDocument } from './help-document.ts';

// The about page and its questions, written from docs/security.md and docs/resources.md in plain words.
const zhHans: HelpDocument = {
  title: '关于本站',
  lead: '本站是三退运动的公开登记处：人们在这里以真名或化名声明退出中国共产党、共青团和少先队。',
  sections: [
    {
      heading: '我们做什么',
      paragraphs: [
        '每一份声明都由编辑审核后公开发表。总数是已发表声明的人数之和，撤回和重复的不计，任何人都可以核实。世界各地一百多个服务中心的义工通过热线电话、传真和电子邮件帮助大家声明。',
        '本站不记录访问者的 IP 地址，不加载任何第三方的内容，所有页面不用 JavaScript 也能使用。',
      ],
      link: { label: '计数方法', path: '/statistics/method' },
    },
    {
      heading: '用化名声明有效吗？',
      paragraphs: [
        '有效。化名和真名一样计入总数。为了安全，我们建议使用化名：化名至少两个汉字，不必和真名有关系。表单上的“帮我起个化名”会给您几个吉祥的化名。退出是您心里的决定，化名只是记下这个决定的方式。',
      ],
    },
    {
      heading: '可以为已故的亲人声明吗？',
      paragraphs: ['可以。很多人为生前加入过党、团、队的亲人声明。在表单上选择“代已故亲人”，写上亲人的姓名或化名，只选亲人加入过的组织。'],
    },
    {
      heading: '可以代家人声明吗？',
      paragraphs: [
        '可以，但必须先征得家人本人同意，并在表单上勾选确认。一份声明可以写几个名字，人数也可以多于名字的个数，例如“张先生及家人，共 5 人”；也可以每人各写一份。家人不同意的，请不要代为声明。',
      ],
    },
    {
      heading: '登记号和查询密码有什么用？',
      paragraphs: [
        '提交声明后，您会得到一个 16 位的登记号和一个查询密码。凭这两样，您可以在“查询回执”页面查看审核结果、阅读编辑的反馈，或撤回声明。',
        '登记号会显示在发表的声明上，可以告诉别人。查询密码只有您知道：本站不保存密码本身，丢了无法找回。请抄在纸上，放在安全的地方。',
      ],
      link: { label: '查询回执', path: '/receipt' },
    },
    {
      heading: '在中国大陆怎样访问本站？',
      paragraphs: ['请使用翻墙软件、Tor 浏览器或本站的镜像地址，也可以打电话或写信给服务中心，请义工代您声明。'],
      link: { label: '翻墙和联系方式', path: '/resources' },
    },
  ],
};

const zhHant: HelpDocument = {
  title: '關於本站',
  lead: '本站是三退運動的公開登記處：人們在這裡以真名或化名聲明退出中國共產黨、共青團和少先隊。',
  sections: [
    {
      heading: '我們做什麼',
      paragraphs: [
        '每一份聲明都由編輯審核後公開發表。總數是已發表聲明的人數之和，撤回和重複的不計，任何人都可以核實。世界各地一百多個服務中心的義工透過熱線電話、傳真和電子郵件幫助大家聲明。',
        '本站不記錄訪客的 IP 地址，不載入任何第三方的內容，所有頁面不用 JavaScript 也能使用。',
      ],
      link: { label: '計數方法', path: '/statistics/method' },
    },
    {
      heading: '用化名聲明有效嗎？',
      paragraphs: [
        '有效。化名和真名一樣計入總數。為了安全，我們建議使用化名：化名至少兩個漢字，不必和真名有關係。表單上的「幫我起個化名」會給您幾個吉祥的化名。退出是您心裡的決定，化名只是記下這個決定的方式。',
      ],
    },
    {
      heading: '可以為已故的親人聲明嗎？',
      paragraphs: [
        '可以。很多人為生前加入過黨、團、隊的親人聲明。在表單上選擇「代已故親人」，寫上親人的姓名或化名，只選親人加入過的組織。',
      ],
    },
    {
      heading: '可以代家人聲明嗎？',
      paragraphs: [
        '可以，但必須先徵得家人本人同意，並在表單上勾選確認。一份聲明可以寫幾個名字，人數也可以多於名字的個數，例如「張先生及家人，共 5 人」；也可以每人各寫一份。家人不同意的，請不要代為聲明。',
      ],
    },
    {
      heading: '登記號和查詢密碼有什麼用？',
      paragraphs: [
        '提交聲明後，您會得到一個 16 位的登記號和一個查詢密碼。憑這兩樣，您可以在「查詢回執」頁面查看審核結果、閱讀編輯的回饋，或撤回聲明。',
        '登記號會顯示在發表的聲明上，可以告訴別人。查詢密碼只有您知道：本站不保存密碼本身，丟了無法找回。請抄在紙上，放在安全的地方。',
      ],
      link: { label: '查詢回執', path: '/receipt' },
    },
    {
      heading: '在中國大陸怎樣連上本站？',
      paragraphs: ['請使用翻牆軟體、Tor 瀏覽器或本站的鏡像地址，也可以打電話或寫信給服務中心，請義工代您聲明。'],
      link: { label: '翻牆和聯絡方式', path: '/resources' },
    },
  ],
};

const en: HelpDocument = {
  title: 'About',
  lead: 'This is the public registry of the Quit the CCP movement: here people declare, under their real name or an alias, that they quit the Chinese Communist Party, the Communist Youth League and the Young Pioneers.',
  sections: [
    {
      heading: 'What we do',
      paragraphs: [
        'Every declaration is published after an editor has reviewed it. The total is the sum of the people in published declarations, leaving out retracted and repeated ones, and anyone can verify it. Volunteers at more than a hundred service centres around the world help people declare by phone, fax and email.',
        "This site does not record visitors' IP addresses, loads nothing from third parties, and every page works without JavaScript.",
      ],
      link: { label: 'How we count', path: '/statistics/method' },
    },
    {
      heading: 'Is a declaration under an alias valid?',
      paragraphs: [
        'Yes. An alias counts just like a real name. For your safety we recommend one: at least two Chinese characters, with no need to resemble your real name. "Suggest an alias" on the form offers a few auspicious ones. Quitting is a decision you make in your heart; the alias is only how it is recorded.',
      ],
    },
    {
      heading: 'Can I declare for a relative who has died?',
      paragraphs: [
        'Yes. Many people declare for relatives who joined the Party, the League or the Pioneers during their lives. On the form choose "For a deceased relative", write the relative\'s name or an alias, and tick only the organisations they joined.',
      ],
    },
    {
      heading: 'Can I declare on behalf of my family?',
      paragraphs: [
        'Yes, but only with each family member\'s own consent, which you confirm on the form. One declaration can hold several names, and the number of people can be larger than the number of names, as in "Mr Zhang and family, 5 people"; or each person can make their own. If a family member does not agree, please do not declare for them.',
      ],
    },
    {
      heading: 'What are the registration number and the password for?',
      paragraphs: [
        'When you send a declaration you receive a 16-digit registration number and a query password. With both, on the "Check a receipt" page, you can see whether it was published, read the editor\'s feedback, or retract it.',
        'The registration number appears on the published declaration, and you may share it. The password is yours alone: we do not store it, so a lost password cannot be recovered. Write it on paper and keep it somewhere safe.',
      ],
      link: { label: 'Check a receipt', path: '/receipt' },
    },
    {
      heading: 'How can I reach this site from mainland China?',
      paragraphs: [
        "Use circumvention software, Tor Browser or one of this site's mirrors. You can also phone or write to a service centre and ask a volunteer to declare for you.",
      ],
      link: { label: 'Circumvention and contacts', path: '/resources' },
    },
  ],
};

export const ABOUT: Readonly<Record<Locale, HelpDocument>> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };
