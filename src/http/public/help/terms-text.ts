import type { Locale } from '../../../i18n/index.ts';
import type { HelpDocument } from './help-document.ts';

// The terms of use, written from docs/security.md and docs/resources.md in plain words.
const zhHans: HelpDocument = {
  title: '使用条款',
  lead: '使用本站、提交声明或订阅电子报，即表示您同意以下条款。条款不长，请读完。',
  sections: [
    {
      heading: '本站是什么',
      paragraphs: [
        '本站是一个公开的登记处：人们在这里以真名或化名声明退出中国共产党、共青团和少先队。每一份声明经编辑审核后公开发表，任何人都可以核实总数。使用本站免费，不需要注册。',
      ],
    },
    {
      heading: '您的声明',
      items: [
        '请为自己声明；代家人声明前，必须征得家人本人同意；也可以为已故的亲人声明。',
        '只退出您或您的亲人加入过的组织。',
        '不要冒用他人的名义，不要提交虚假或重复的声明。',
        '声明内容不要写他人的个人资料，不要辱骂他人，不要做广告。',
      ],
    },
    {
      heading: '审核和发表',
      items: [
        '编辑审核每一份声明。编辑可能不予发表并说明原因，也可能删去能认出身份的细节。',
        '发表后的声明，包括姓名或化名、地区、标题和内容，任何人都能看到、引用和转载；总数和每日统计作为公开数据发布。',
        '重复或不实的声明可能被撤下，不计入总数。',
      ],
    },
    {
      heading: '撤回',
      paragraphs: ['您可以随时凭登记号和查询密码撤回声明。本站不保存查询密码，丢失后无法找回，也无法补发。'],
    },
    {
      heading: '电子邮箱和电子报',
      paragraphs: [
        '您留下的邮箱只用于就您的声明或来信联系您，不作他用，也不交给任何人。订阅电子报须在确认邮件中再次确认；每封电子报都附有退订链接，一点即可退订。',
      ],
    },
    {
      heading: '您的安全',
      paragraphs: ['本站尽力保护您（详见隐私说明），但无法控制您的网络和设备。请按本站的安全须知操作，使用化名，用完后清除浏览记录。'],
      link: { label: '隐私说明', path: '/privacy' },
    },
    {
      heading: '条款的修改',
      paragraphs: ['条款如有修改，会在本页公布，并注明生效日期。修改前提交的声明不受影响。'],
    },
  ],
  footnote: '本条款自 2026 年 12 月 7 日起生效。',
};

const zhHant: HelpDocument = {
  title: '使用條款',
  lead: '使用本站、提交聲明或訂閱電子報，即表示您同意以下條款。條款不長，請讀完。',
  sections: [
    {
      heading: '本站是什麼',
      paragraphs: [
        '本站是一個公開的登記處：人們在這裡以真名或化名聲明退出中國共產黨、共青團和少先隊。每一份聲明經編輯審核後公開發表，任何人都可以核實總數。使用本站免費，不需要註冊。',
      ],
    },
    {
      heading: '您的聲明',
      items: [
        '請為自己聲明；代家人聲明前，必須徵得家人本人同意；也可以為已故的親人聲明。',
        '只退出您或您的親人加入過的組織。',
        '不要冒用他人的名義，不要提交虛假或重複的聲明。',
        '聲明內容不要寫他人的個人資料，不要辱罵他人，不要做廣告。',
      ],
    },
    {
      heading: '審核和發表',
      items: [
        '編輯審核每一份聲明。編輯可能不予發表並說明原因，也可能刪去能認出身份的細節。',
        '發表後的聲明，包括姓名或化名、地區、標題和內容，任何人都能看到、引用和轉載；總數和每日統計作為公開資料發布。',
        '重複或不實的聲明可能被撤下，不計入總數。',
      ],
    },
    {
      heading: '撤回',
      paragraphs: ['您可以隨時憑登記號和查詢密碼撤回聲明。本站不保存查詢密碼，丟失後無法找回，也無法補發。'],
    },
    {
      heading: '電子信箱和電子報',
      paragraphs: [
        '您留下的信箱只用於就您的聲明或來信聯絡您，不作他用，也不交給任何人。訂閱電子報須在確認郵件中再次確認；每封電子報都附有退訂連結，一點即可退訂。',
      ],
    },
    {
      heading: '您的安全',
      paragraphs: ['本站盡力保護您（詳見隱私說明），但無法控制您的網路和裝置。請按本站的安全須知操作，使用化名，用完後清除瀏覽記錄。'],
      link: { label: '隱私說明', path: '/privacy' },
    },
    {
      heading: '條款的修改',
      paragraphs: ['條款如有修改，會在本頁公布，並註明生效日期。修改前提交的聲明不受影響。'],
    },
  ],
  footnote: '本條款自 2026 年 12 月 7 日起生效。',
};

const en: HelpDocument = {
  title: 'Terms of use',
  lead: 'By using this site, making a declaration or subscribing to the newsletter, you agree to these terms. They are short: please read them to the end.',
  sections: [
    {
      heading: 'What this site is',
      paragraphs: [
        'A public registry where people declare, under their real name or an alias, that they quit the Chinese Communist Party, the Communist Youth League and the Young Pioneers. Every declaration is published after an editor has reviewed it, and anyone can verify the total. The site is free and needs no account.',
      ],
    },
    {
      heading: 'Your declaration',
      items: [
        'Declare for yourself. Declare for family members only with their own consent. You may also declare for a relative who has died.',
        'Quit only the organisations that you, or your relative, actually joined.',
        "Do not declare in someone else's name without their consent, and do not send false or repeated declarations.",
        "Do not put other people's personal details, insults or advertising in a statement.",
      ],
    },
    {
      heading: 'Review and publication',
      items: [
        'Editors review every declaration. They may decline to publish one, and say why, or remove details that could identify someone.',
        'Once published, a declaration, with its name or alias, region, title and statement, can be seen, quoted and shared by anyone; the total and the daily figures are published as open data.',
        'Repeated or untrue declarations may be taken down and are then not counted.',
      ],
    },
    {
      heading: 'Retracting',
      paragraphs: [
        'You can retract your declaration at any time with its registration number and query password. We do not store the password, so a lost one can be neither recovered nor reissued.',
      ],
    },
    {
      heading: 'Email and the newsletter',
      paragraphs: [
        'An email address you give is used only to contact you about your declaration or your message. It is not used for anything else and never given to anyone. A newsletter subscription must be confirmed from the email we send; every newsletter has a link that unsubscribes you in one step.',
      ],
    },
    {
      heading: 'Your safety',
      paragraphs: [
        'We do our best to protect you (see the privacy notice), but we cannot control your network or your devices. Please follow the safety advice on this site: use an alias, and clear your browsing history afterwards.',
      ],
      link: { label: 'Privacy notice', path: '/privacy' },
    },
    {
      heading: 'Changes to these terms',
      paragraphs: [
        'Any change is published on this page with the date it takes effect. Declarations made before a change are not affected by it.',
      ],
    },
  ],
  footnote: 'These terms take effect on 7 December 2026.',
};

export const TERMS: Readonly<Record<Locale, HelpDocument>> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };
