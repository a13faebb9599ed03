import type { Locale } from '../../../i18n/index.ts';
import type { HelpDocument } from './help-document.ts';

// The privacy notice, written from docs/security.md and docs/resources.md in plain words.
const zhHans: HelpDocument = {
  title: '隐私说明',
  lead: '您的安全比方便更重要。下面用平实的话说明本站保存什么、不保存什么，以及还有哪些风险。',
  sections: [
    {
      heading: '本站从不保存的',
      items: [
        '您的 IP 地址、浏览器信息和设备指纹。服务器的日志只记下请求编号、页面类型、结果和用时，不记网址参数，也不记您填写的内容。',
        '查询密码本身。本站只保存经密钥处理过的校验值，所以密码丢了无法找回；即使数据库被盗，密码也不会泄露。',
        'Cookie 和账户。声明不需要注册或登录，本站不在您的浏览器里留下任何 Cookie。',
        '其他网站的内容。页面不加载外来的字体、图片、脚本或统计代码，没有第三方知道您来过；点击站外链接时，对方也不会知道您是从本站过去的。',
      ],
    },
    {
      heading: '本站保存的',
      items: [
        '您的声明：退出的组织、姓名或化名、人数、标题、地区、声明内容、为谁声明，以及提交的时间。',
        '登记号：一个 16 位的数字，从中看不出声明的时间或先后次序。',
        '电子邮箱（只在您填写时）：加密保存，密钥不放在数据库里。只有获得授权的管理员说明理由后才能查看，每次查看都记入审计日志。邮箱绝不公开。',
        '回执的临时副本：为了刷新页面时不会重复提交，回执加密保存一小时（通过 API 提交的最多 24 小时），过期即删除。',
        '写给服务中心的信、传真和留言，以及订阅电子报的邮箱：同样加密保存，只供服务中心处理，按规定期限删除。每封电子报都附有退订链接。',
      ],
    },
    {
      heading: '谁能看到什么',
      items: [
        '任何人：已发表的声明（姓名或化名、地区、标题、内容、发表日期）和统计数字。',
        '编辑：等待审核的声明。编辑可能删去能认出身份的细节，例如把真名换成化名。',
        '服务中心的义工：他们替您录入的声明。义工和他们帮助过的人之间的联系绝不公开。',
        '工作人员的每一项操作都记入审计日志，日志无法被人悄悄修改。',
      ],
    },
    {
      heading: '查询和撤回',
      paragraphs: [
        '凭登记号和查询密码，您可以随时查看审核结果、阅读编辑的反馈，或撤回声明。撤回后，声明不再公开，也不计入总数，但撤回的记录会保留。',
      ],
      link: { label: '查询回执', path: '/receipt' },
    },
    {
      heading: '仍然存在的风险',
      items: [
        '网络上的监视者（例如防火长城）能看到有人访问本站，除非您使用翻墙软件或 Tor；他们看不到您填写的内容。',
        '拿到您手机或电脑的人，可能找到您保存的回执或浏览记录。请用完后清除浏览记录，把回执抄在纸上。',
        '偷到数据库的人，能看到化名、地区和声明内容（已发表的本来就公开），但读不到邮箱，也试不出密码，更找不到 IP 地址，因为本站根本没有保存。',
      ],
      link: { label: '怎样安全地访问本站', path: '/resources' },
    },
  ],
};

const zhHant: HelpDocument = {
  title: '隱私說明',
  lead: '您的安全比方便更重要。下面用平實的話說明本站保存什麼、不保存什麼，以及還有哪些風險。',
  sections: [
    {
      heading: '本站從不保存的',
      items: [
        '您的 IP 地址、瀏覽器資訊和裝置指紋。伺服器的日誌只記下請求編號、頁面類型、結果和所花時間，不記網址參數，也不記您填寫的內容。',
        '查詢密碼本身。本站只保存經金鑰處理過的校驗值，所以密碼丟了無法找回；即使資料庫被盜，密碼也不會洩露。',
        'Cookie 和帳戶。聲明不需要註冊或登入，本站不在您的瀏覽器裡留下任何 Cookie。',
        '其他網站的內容。頁面不載入外來的字型、圖片、腳本或統計程式，沒有第三方知道您來過；點擊站外連結時，對方也不會知道您是從本站過去的。',
      ],
    },
    {
      heading: '本站保存的',
      items: [
        '您的聲明：退出的組織、姓名或化名、人數、標題、地區、聲明內容、為誰聲明，以及提交的時間。',
        '登記號：一個 16 位的數字，從中看不出聲明的時間或先後次序。',
        '電子信箱（只在您填寫時）：加密保存，金鑰不放在資料庫裡。只有獲得授權的管理員說明理由後才能查看，每次查看都記入稽核日誌。信箱絕不公開。',
        '回執的臨時副本：為了重新整理頁面時不會重複提交，回執加密保存一小時（透過 API 提交的最多 24 小時），過期即刪除。',
        '寫給服務中心的信、傳真和留言，以及訂閱電子報的信箱：同樣加密保存，只供服務中心處理，按規定期限刪除。每封電子報都附有退訂連結。',
      ],
    },
    {
      heading: '誰能看到什麼',
      items: [
        '任何人：已發表的聲明（姓名或化名、地區、標題、內容、發表日期）和統計數字。',
        '編輯：等待審核的聲明。編輯可能刪去能認出身份的細節，例如把真名換成化名。',
        '服務中心的義工：他們替您錄入的聲明。義工和他們幫助過的人之間的聯絡絕不公開。',
        '工作人員的每一項操作都記入稽核日誌，日誌無法被人悄悄修改。',
      ],
    },
    {
      heading: '查詢和撤回',
      paragraphs: [
        '憑登記號和查詢密碼，您可以隨時查看審核結果、閱讀編輯的回饋，或撤回聲明。撤回後，聲明不再公開，也不計入總數，但撤回的記錄會保留。',
      ],
      link: { label: '查詢回執', path: '/receipt' },
    },
    {
      heading: '仍然存在的風險',
      items: [
        '網路上的監視者（例如防火長城）能看到有人連上本站，除非您使用翻牆軟體或 Tor；他們看不到您填寫的內容。',
        '拿到您手機或電腦的人，可能找到您保存的回執或瀏覽記錄。請用完後清除瀏覽記錄，把回執抄在紙上。',
        '偷到資料庫的人，能看到化名、地區和聲明內容（已發表的本來就公開），但讀不到信箱，也試不出密碼，更找不到 IP 地址，因為本站根本沒有保存。',
      ],
      link: { label: '怎樣安全地連上本站', path: '/resources' },
    },
  ],
};

const en: HelpDocument = {
  title: 'Privacy',
  lead: 'Your safety comes before convenience. Here, in plain words, is what this site keeps, what it does not keep, and the risks that remain.',
  sections: [
    {
      heading: 'What we never keep',
      items: [
        'Your IP address, your browser details or any fingerprint of your device. The server log notes only a request number, the kind of page, the result and how long it took: no query string, nothing you typed.',
        'Your query password itself. We keep only a check value made with a secret key, so a lost password cannot be recovered, and a stolen database does not give it away.',
        'Cookies or accounts. Declaring needs no sign-up or sign-in, and this site leaves no cookie in your browser.',
        'Anything from other sites. Pages load no outside fonts, images, scripts or analytics, so no third party learns you were here; a link you follow out of this site does not tell the other site where you came from.',
      ],
    },
    {
      heading: 'What we keep',
      items: [
        'Your declaration: the organisations you leave, your name or alias, the number of people, the title, the region, your statement, on whose behalf you declare, and when you sent it.',
        'A registration number: 16 digits that reveal neither when you declared nor how many came before you.',
        'Your email address, only if you give one: encrypted, with the key kept outside the database. Only an authorised administrator can read it, after stating a reason, and every such reading goes into the audit log. It is never published.',
        'A temporary copy of your receipt, encrypted, so that reloading the page does not file your declaration twice: kept for an hour (up to 24 hours for submissions through the API), then deleted.',
        "Letters, faxes and messages to the service centres, and newsletter subscribers' addresses: also encrypted, read only by the centres that handle them, and deleted on a fixed schedule. Every newsletter carries an unsubscribe link.",
      ],
    },
    {
      heading: 'Who sees what',
      items: [
        'Anyone: published declarations (name or alias, region, title, statement, date of publication) and the figures.',
        'Editors: declarations waiting for review. An editor may remove details that could identify someone, for instance by replacing a real name with an alias.',
        'Service centre volunteers: the declarations they entered for you. The link between a volunteer and the people they helped is never made public.',
        'Every action of the staff goes into an audit log that nobody can quietly alter.',
      ],
    },
    {
      heading: 'Checking and retracting',
      paragraphs: [
        "With your registration number and query password you can at any time see whether your declaration was published, read the editor's feedback, or retract it. A retracted declaration is no longer shown or counted; the record that it was retracted is kept.",
      ],
      link: { label: 'Check a receipt', path: '/receipt' },
    },
    {
      heading: 'The risks that remain',
      items: [
        'Whoever watches the network (the Great Firewall, for one) can see that someone visits this site, unless you use circumvention software or Tor. They cannot see what you type.',
        'Someone who gets hold of your phone or computer may find a receipt you kept there, or your browsing history. Clear your history afterwards and keep the receipt on paper.',
        'Someone who steals the database can read aliases, regions and statements (the published ones are public anyway), but cannot read email addresses or work out passwords, and finds no IP address, because none was ever stored.',
      ],
      link: { label: 'How to reach this site safely', path: '/resources' },
    },
  ],
};

export const PRIVACY: Readonly<Record<Locale, HelpDocument>> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };
