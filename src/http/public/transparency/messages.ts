import type { Locale } from '../../../i18n/index.ts';

/** The transparency page (docs/transparency.md); zh-Hans is the shape. */
const zhHans = {
  title: '公开透明日志',
  intro: [
    '本站的计数不需要您相信我们。每一份发表的声明、每一次撤回，都会写进一份只能追加、不能改写的公开日志。任何人都可以下载整份日志，自己重新加总，看结果是否与本站公布的数字一致。',
    '日志里没有姓名、地区、联系方式，也没有声明的文字，只有人数、所属组织、计入的日期、收录方式，以及一个无法倒推出内容的“承诺值”。同一批写入的记录会被随机打乱次序，看不出谁先谁后。',
  ],
  proven: {
    heading: '日志能证明什么',
    items: [
      '总数可以重算。每条“声明”记录写明人数、所属组织、计入的日期和收录方式；每条“撤回”记录指向被撤回的那一条。把声明的人数相加，减去撤回的，就是本站显示的总数。',
      '日志只增不改。每写入一批，本站就用自己的密钥签署一个“检查点”，写明日志的条数和根哈希。已经签署过的记录如果被改动、删除或调换次序，新旧检查点就对不上，任何保存过旧检查点的人都能发现。',
      '大家看到的是同一份日志。检查点有签名，镜像站无法伪造；如果出现两个签名都有效、条数相同而根哈希不同的检查点，这本身就是本站作假的证据。',
      '某一份声明确实在日志里。声明页面上列出它的盐值和包含证明：用登记号、盐值和页面上的公开内容，就能算出日志中对应的那一条，并证明它包含在检查点里。',
    ],
  },
  check: {
    heading: '如何自己核对',
    steps: [
      '记下本站的验证密钥（见下文）。最好在不同时间、通过不同途径（例如镜像站或朋友转发）多取几次，确认始终是同一个。',
      '用本站开源程序自带的核对工具，从本站或任何镜像下载日志并核对：',
      '工具会核对签名，用全部记录重新计算每一块数据和根哈希，并与上一次保存的检查点比较，最后列出人数、声明份数和各组织的人数。任何一处对不上，它都会报错退出。',
      '日志文件采用通用的 C2SP tlog-tiles 格式存放，检查点采用 C2SP tlog-checkpoint 格式签署，因此也可以用其他支持这些格式的工具，或自己写程序核对。',
    ],
    command: 'tuidang log verify --url 本站或镜像的网址 --key 验证密钥 --state 状态文件',
    statement: '要核对某一份声明，请打开它的页面，或请求下面的地址（把登记号换成那份声明的）：',
    mirror: '想建立镜像的人可以用 tuidang log mirror --out 目录 把检查点和全部数据块写成文件，放到任何静态网站上。',
  },
  latest: {
    heading: '最新检查点',
    size: '日志条数',
    root: '根哈希',
    key: '验证密钥',
    nextKey: '新的验证密钥（更换密钥期间，每个检查点都同时用新旧两把密钥签名；请改用新密钥）',
    pending: '已发表、尚未写入日志的变动',
    raw: '检查点原文',
    empty: '日志里还没有记录。',
  },
  notProven: {
    heading: '日志不能证明什么',
    items: [
      '日志不能证明每条记录背后都是一个真实、不重复的人。日志里没有任何个人信息，也就无从辨认是谁。这一点靠收录方式（本人在网上提交、义工代录后经审核、受信任的义工录入）和公开的审核规则来把关；查出的重复和撤回都会在日志里留下记录。',
      '日志不能证明本站收到的每一份声明都已发表：未通过审核的声明不会写入日志。',
      '日志只反映检查点签署那一刻的状态。刚发表或刚撤回的声明，要等下一批（每隔几分钟一批）才写入；计数接口会注明它对应哪个检查点，以及还有多少变动没有写入。',
      '声明者本人撤回声明时，本站会删除那份声明的盐值。它在日志里的记录仍然在（并被撤回记录抵消），但从此再也无法和那份声明对应起来。',
    ],
  },
  permalink: {
    heading: '公开日志中的记录',
    pending: '这份声明还没有写入公开日志。日志每隔几分钟追加一批，之后这里会显示它的记录和证明。',
    leaf: '记录序号',
    salt: '盐值',
    record: '承诺的公开内容',
    checkpoint: '检查点',
    checkpointValue: (size: number, root: string) => `共 ${size} 条，根哈希 ${root}`,
    proof: '包含证明',
    explain:
      '把“tuidang log commitment v1”加换行、盐值和上面的公开内容依次连起来求 SHA-256，就得到日志中这条记录的承诺值；再用包含证明算到检查点的根哈希。',
    latest: '对最新检查点的证明（JSON）',
    how: '怎样核对',
  },
  methodLink: '计数方法',
};

type TransparencyMessages = typeof zhHans;

const zhHant: TransparencyMessages = {
  title: '公開透明日誌',
  intro: [
    '本站的計數不需要您相信我們。每一份發表的聲明、每一次撤回，都會寫進一份只能追加、不能改寫的公開日誌。任何人都可以下載整份日誌，自行重新加總，看結果是否與本站公布的數字一致。',
    '日誌裡沒有姓名、地區、聯絡方式，也沒有聲明的文字，只有人數、所屬組織、計入的日期、收錄方式，以及一個無法倒推出內容的「承諾值」。同一批寫入的紀錄會被隨機打亂次序，看不出誰先誰後。',
  ],
  proven: {
    heading: '日誌能證明什麼',
    items: [
      '總數可以重算。每筆「聲明」紀錄寫明人數、所屬組織、計入的日期和收錄方式；每筆「撤回」紀錄指向被撤回的那一筆。把聲明的人數相加，減去撤回的，就是本站顯示的總數。',
      '日誌只增不改。每寫入一批，本站就用自己的金鑰簽署一個「檢查點」，寫明日誌的筆數和根雜湊值。已經簽署過的紀錄如果被改動、刪除或調換次序，新舊檢查點就對不上，任何保存過舊檢查點的人都能發現。',
      '大家看到的是同一份日誌。檢查點有簽章，鏡像站無法偽造；如果出現兩個簽章都有效、筆數相同而根雜湊值不同的檢查點，這本身就是本站造假的證據。',
      '某一份聲明確實在日誌裡。聲明頁面上列出它的鹽值和包含證明：用登記號、鹽值和頁面上的公開內容，就能算出日誌中對應的那一筆，並證明它包含在檢查點裡。',
    ],
  },
  check: {
    heading: '如何自行核對',
    steps: [
      '記下本站的驗證金鑰（見下文）。最好在不同時間、透過不同管道（例如鏡像站或朋友轉傳）多取幾次，確認始終是同一個。',
      '用本站開源程式附帶的核對工具，從本站或任何鏡像下載日誌並核對：',
      '工具會核對簽章，用全部紀錄重新計算每一塊資料和根雜湊值，並與上一次保存的檢查點比較，最後列出人數、聲明份數和各組織的人數。任何一處對不上，它都會報錯結束。',
      '日誌檔案採用通用的 C2SP tlog-tiles 格式存放，檢查點採用 C2SP tlog-checkpoint 格式簽署，因此也可以用其他支援這些格式的工具，或自己寫程式核對。',
    ],
    command: 'tuidang log verify --url 本站或鏡像的網址 --key 驗證金鑰 --state 狀態檔',
    statement: '要核對某一份聲明，請開啟它的頁面，或請求下面的網址（把登記號換成那份聲明的）：',
    mirror: '想架設鏡像的人可以用 tuidang log mirror --out 目錄 把檢查點和全部資料塊寫成檔案，放到任何靜態網站上。',
  },
  latest: {
    heading: '最新檢查點',
    size: '日誌筆數',
    root: '根雜湊值',
    key: '驗證金鑰',
    nextKey: '新的驗證金鑰（更換金鑰期間，每個檢查點都同時以新舊兩把金鑰簽署；請改用新金鑰）',
    pending: '已發表、尚未寫入日誌的變動',
    raw: '檢查點原文',
    empty: '日誌裡還沒有紀錄。',
  },
  notProven: {
    heading: '日誌不能證明什麼',
    items: [
      '日誌不能證明每筆紀錄背後都是一個真實、不重複的人。日誌裡沒有任何個人資料，也就無從辨認是誰。這一點靠收錄方式（本人在網路上提交、義工代為登錄後經審核、受信任的義工登錄）和公開的審核規則來把關；查出的重複和撤回都會在日誌裡留下紀錄。',
      '日誌不能證明本站收到的每一份聲明都已發表：未通過審核的聲明不會寫入日誌。',
      '日誌只反映檢查點簽署那一刻的狀態。剛發表或剛撤回的聲明，要等下一批（每隔幾分鐘一批）才寫入；計數介面會註明它對應哪個檢查點，以及還有多少變動沒有寫入。',
      '聲明者本人撤回聲明時，本站會刪除那份聲明的鹽值。它在日誌裡的紀錄仍然在（並被撤回紀錄抵銷），但從此再也無法和那份聲明對應起來。',
    ],
  },
  permalink: {
    heading: '公開日誌中的紀錄',
    pending: '這份聲明還沒有寫入公開日誌。日誌每隔幾分鐘追加一批，之後這裡會顯示它的紀錄和證明。',
    leaf: '紀錄序號',
    salt: '鹽值',
    record: '承諾的公開內容',
    checkpoint: '檢查點',
    checkpointValue: (size: number, root: string) => `共 ${size} 筆，根雜湊值 ${root}`,
    proof: '包含證明',
    explain:
      '把「tuidang log commitment v1」加換行、鹽值和上面的公開內容依序連起來求 SHA-256，就得到日誌中這筆紀錄的承諾值；再用包含證明算到檢查點的根雜湊值。',
    latest: '對最新檢查點的證明（JSON）',
    how: '如何核對',
  },
  methodLink: '計數方法',
};

const en: TransparencyMessages = {
  title: 'Transparency log',
  intro: [
    'You do not have to take our word for the count. Every published statement and every withdrawal goes into a public log that can only be added to, never rewritten. Anyone can download the whole log, add it up themselves and see whether it matches the figures we publish.',
    'The log holds no names, regions, contact details or statement text: only the number of people, their organisations, the day they count on, how the statement was received, and a commitment that reveals nothing of its contents. Each batch is shuffled before it is written, so the order says nothing about who came first.',
  ],
  proven: {
    heading: 'What the log proves',
    items: [
      'The total can be recomputed. Each "declared" entry gives the number of people, their organisations, the day and how the statement was received; each "withdrawn" entry points to the entry it cancels. Add up the declared people, subtract the withdrawn ones, and you have the total shown on this site.',
      'Nothing is changed after the fact. After every batch we sign a checkpoint with our key, stating the size of the log and its root hash. If an entry already signed were altered, removed or moved, old and new checkpoints would no longer agree, and anyone who kept an old one would see it.',
      'Everyone sees the same log. Checkpoints are signed, so a mirror cannot forge one; two validly signed checkpoints of the same size with different root hashes would themselves prove that we cheated.',
      'A given statement really is in the log. Its page shows its salt and an inclusion proof: from the registration number, the salt and the public details on the page, anyone can compute its entry and prove that the checkpoint contains it.',
    ],
  },
  check: {
    heading: 'How to check it yourself',
    steps: [
      'Write down our verifier key (below). Better still, fetch it several times, at different times and by different routes (a mirror, a friend), and make sure it is always the same.',
      'Use the verifier that comes with our open-source software to download the log from this site or from any mirror and check it:',
      'It checks the signature, recomputes every tile and the root hash from all the entries, compares the log with the checkpoint it saved last time, and prints the number of people, the number of statements and the people per organisation. If anything does not match, it stops with an error.',
      'The log is stored in the standard C2SP tlog-tiles layout and its checkpoints are signed in the C2SP tlog-checkpoint format, so other tools that read these formats, or a program of your own, can check it too.',
    ],
    command: 'tuidang log verify --url ADDRESS_OF_THIS_SITE_OR_A_MIRROR --key VERIFIER_KEY --state STATE_FILE',
    statement: "To check a single statement, open its page, or fetch this address with the statement's registration number:",
    mirror: 'To run a mirror, tuidang log mirror --out DIR writes the checkpoint and every tile as files for any static web host.',
  },
  latest: {
    heading: 'Latest checkpoint',
    size: 'Entries in the log',
    root: 'Root hash',
    key: 'Verifier key',
    nextKey: 'New verifier key (while we change keys, every checkpoint is signed with both; please switch to the new one)',
    pending: 'Published changes not yet in the log',
    raw: 'The checkpoint as signed',
    empty: 'The log has no entries yet.',
  },
  notProven: {
    heading: 'What the log does not prove',
    items: [
      'It does not prove that every entry stands for a real person, or that no one is counted twice. The log holds no personal data, so it cannot tell who anyone is. That is what the admission classes (submitted online by the person, entered by a volunteer and reviewed, entered by a trusted volunteer) and our published moderation rules are for; every duplicate found and every withdrawal is recorded in the log.',
      'It does not prove that every statement we received was published: statements that did not pass moderation never enter the log.',
      'It shows the state at the moment a checkpoint was signed. A statement published or withdrawn a moment ago waits for the next batch, a few minutes away; the counter API names the checkpoint it matches and how many changes are still waiting.',
      'When declarants withdraw their own statement, we delete its salt. Its entry stays in the log (cancelled by the withdrawal), but can no longer be linked to the statement.',
    ],
  },
  permalink: {
    heading: 'In the public log',
    pending:
      'This statement is not in the public log yet. The log takes a new batch every few minutes; its entry and proof will then appear here.',
    leaf: 'Entry number',
    salt: 'Salt',
    record: 'Public details committed to',
    checkpoint: 'Checkpoint',
    checkpointValue: (size: number, root: string) => `${size} entries, root hash ${root}`,
    proof: 'Inclusion proof',
    explain:
      'SHA-256 of "tuidang log commitment v1" and a newline, then the salt, then the public details above, is the commitment in this entry; the inclusion proof leads from the entry to the checkpoint\'s root hash.',
    latest: 'Proof against the latest checkpoint (JSON)',
    how: 'How to check it',
  },
  methodLink: 'How we count',
};

const catalogs: Record<Locale, TransparencyMessages> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function transparencyMessages(locale: Locale): TransparencyMessages {
  return catalogs[locale];
}
