import type { Locale } from '../../i18n/index.ts';

/**
 * What the resources page says until an admin saves a text of their own (docs/resources.md), in the
 * page's markup (markup.ts). It names no outside address: the mirrors, the onion address and the
 * downloads are whatever the operator lists, and the page shows them above this text.
 */
export const DEFAULT_RESOURCES: Readonly<Record<Locale, string>> = {
  'zh-hans': `在中国大陆，本站和服务中心的网站通常被封锁。下面介绍几种安全访问本站、联系服务中心的办法。请先读完“安全须知”。

# 本站的其他地址
如果主网址打不开，请试试本页上方列出的镜像地址。镜像的内容和本站完全相同，声明同样有效。洋葱地址（以 .onion 结尾）只能用 Tor 浏览器打开，也最难被封锁和监视。

# 翻墙软件
## 自由门和无界浏览
自由门（Freegate）和无界浏览（UltraSurf）是专为中国大陆网民开发的免费翻墙软件，多年来帮助了很多人。它们主要用于 Windows 电脑，下载后直接运行，不需要安装。
- 请只从本页列出的下载地址，或从您信任的人那里获取，不要从来历不明的网站下载：假冒的版本可能带有监控程序。
- 运行后，用它自动打开的浏览器窗口访问本站。
- 如果一个版本连不上，请换用较新的版本，或换另一个软件。

## Tor 浏览器和网桥
Tor 浏览器把您的访问经过世界各地的三台中继转发，网站和网络管理者都不知道您是谁、在看什么。在中国大陆，Tor 必须通过“网桥”才能连上。
1. 获取 Tor 浏览器：官方网站在大陆打不开。可以用境外邮箱发一封邮件到 gettor@torproject.org，正文写上您的系统名称，如 windows、macos 或 linux，会收到附有下载链接的自动回信。
2. 获取网桥：用 Gmail 或 Riseup 邮箱发一封邮件到 bridges@torproject.org，正文写 get transport obfs4（其他邮箱的来信不会回复）。几分钟内会收到一封自动回信，里面有几行网桥地址。
3. 添加网桥：打开 Tor 浏览器，进入“设置”→“连接”，在“网桥”一栏选择添加已知的网桥地址，把回信中的几行整段复制粘贴进去，然后连接。
4. 也可以先试试 Tor 浏览器内置的 Snowflake 网桥，不需要另外索取。
5. 连上以后，用 Tor 浏览器打开本站的洋葱地址或镜像地址。

# 联系服务中心
各地服务中心的热线电话、传真、电子邮箱、地址和服务时间都列在[服务中心](/zh-hans/centers)页面上。义工可以在电话里帮您声明，也可以回答您的问题。
- 不要用国内邮箱（如 QQ 邮箱、163 邮箱）写信：邮件内容会被检查。请在翻墙后注册和使用境外邮箱。
- 打电话时不必说出真实姓名；可以只说化名。
- 您也可以不联系任何人，直接在本站[声明三退](/zh-hans/declare)。

# 安全须知
- 建议使用化名。化名和真名一样有效。
- 用完后清除浏览记录；不要把回执截图存在手机相册里，抄在纸上更安全。
- 不要在声明中写下能认出您的细节，如单位、住址、电话。
- 本站不记录 IP 地址，也不加载任何其他网站的内容。详见[隐私说明](/zh-hans/privacy)。
- 在公共电脑或别人的设备上，不要保存任何密码。
`,
  'zh-hant': `在中國大陸，本站和服務中心的網站通常被封鎖。下面介紹幾種安全連上本站、聯絡服務中心的辦法。請先讀完「安全須知」。

# 本站的其他地址
如果主網址打不開，請試試本頁上方列出的鏡像地址。鏡像的內容和本站完全相同，聲明同樣有效。洋蔥地址（以 .onion 結尾）只能用 Tor 瀏覽器開啟，也最難被封鎖和監視。

# 翻牆軟體
## 自由門和無界瀏覽
自由門（Freegate）和無界瀏覽（UltraSurf）是專為中國大陸網民開發的免費翻牆軟體，多年來幫助了很多人。它們主要用於 Windows 電腦，下載後直接執行，不需要安裝。
- 請只從本頁列出的下載地址，或從您信任的人那裡取得，不要從來歷不明的網站下載：假冒的版本可能帶有監控程式。
- 執行後，用它自動開啟的瀏覽器視窗連上本站。
- 如果一個版本連不上，請換用較新的版本，或換另一個軟體。

## Tor 瀏覽器和網橋
Tor 瀏覽器把您的連線經過世界各地的三個中繼轉發，網站和網路管理者都不知道您是誰、在看什麼。在中國大陸，Tor 必須透過「網橋」才能連上。
1. 取得 Tor 瀏覽器：官方網站在大陸打不開。可以用境外信箱寄一封信到 gettor@torproject.org，內文寫上您的系統名稱，如 windows、macos 或 linux，會收到附有下載連結的自動回信。
2. 取得網橋：用 Gmail 或 Riseup 信箱寄一封信到 bridges@torproject.org，內文寫 get transport obfs4（其他信箱的來信不會回覆）。幾分鐘內會收到一封自動回信，裡面有幾行網橋地址。
3. 新增網橋：開啟 Tor 瀏覽器，進入「設定」→「連線」，在「網橋」一欄選擇新增已知的網橋地址，把回信中的幾行整段複製後貼上，然後連線。
4. 也可以先試試 Tor 瀏覽器內建的 Snowflake 網橋，不需要另外索取。
5. 連上以後，用 Tor 瀏覽器開啟本站的洋蔥地址或鏡像地址。

# 聯絡服務中心
各地服務中心的熱線電話、傳真、電子信箱、地址和服務時間都列在[服務中心](/zh-hant/centers)頁面上。義工可以在電話裡幫您聲明，也可以回答您的問題。
- 不要用國內信箱（如 QQ 郵箱、163 郵箱）寫信：郵件內容會被檢查。請在翻牆後註冊和使用境外信箱。
- 打電話時不必說出真實姓名；可以只說化名。
- 您也可以不聯絡任何人，直接在本站[聲明三退](/zh-hant/declare)。

# 安全須知
- 建議使用化名。化名和真名一樣有效。
- 用完後清除瀏覽記錄；不要把回執截圖存在手機相簿裡，抄在紙上更安全。
- 不要在聲明中寫下能認出您的細節，如單位、住址、電話。
- 本站不記錄 IP 地址，也不載入任何其他網站的內容。詳見[隱私說明](/zh-hant/privacy)。
- 在公共電腦或別人的裝置上，不要保存任何密碼。
`,
  en: `In mainland China this site and the service centres' sites are usually blocked. Here are safe ways to reach this site and the service centres. Please read "Staying safe" first.

# Other addresses of this site
If the main address does not open, try the mirrors listed at the top of this page. A mirror is the same site: a declaration made there counts just the same. The onion address (ending in .onion) opens only in Tor Browser, and it is the hardest to block or watch.

# Circumvention software
## Freegate and UltraSurf
Freegate and UltraSurf are free tools made for internet users in mainland China, and they have helped many people over the years. They run on Windows: download the program and start it, there is nothing to install.
- Get them only from a download address listed on this page, or from someone you trust, never from a site you do not know: fake versions may carry spyware.
- Once it runs, open this site in the browser window it starts.
- If one version does not connect, try a newer one, or the other program.

## Tor Browser and bridges
Tor Browser sends your traffic through three relays around the world, so neither the site nor whoever runs the network can tell who you are and what you read. In mainland China, Tor connects only through a "bridge".
1. Get Tor Browser: its official site is blocked in China. From an email account outside China, write to gettor@torproject.org with the name of your system (windows, macos or linux) in the message; an automatic reply brings download links.
2. Get bridges: from a Gmail or Riseup address, write to bridges@torproject.org with get transport obfs4 in the message (mail from other providers gets no answer). Within minutes an automatic reply brings a few lines of bridge addresses.
3. Add the bridges: open Tor Browser, go to Settings, then Connection, and under Bridges choose to add a bridge address you already know. Paste the lines from the reply as they are, then connect.
4. You can also try the Snowflake bridge built into Tor Browser first: it needs nothing from anyone.
5. Once connected, open this site's onion address or a mirror in Tor Browser.

# Contacting a service centre
Every centre's hotlines, fax, email, address and hours are on the [service centres](/en/centers) page. Volunteers can take your declaration over the phone and answer your questions.
- Do not write from a Chinese email provider (QQ, 163 and the like): that mail is read. Once you are through the firewall, open an account with a provider outside China and use that.
- On the phone you need not give your real name; an alias is enough.
- You can also declare on this site without contacting anyone: [declare here](/en/declare).

# Staying safe
- Use an alias. An alias counts just like a real name.
- Clear your browsing history afterwards. Do not keep a screenshot of your receipt in your phone's photos; writing it on paper is safer.
- Do not put anything in your declaration that could identify you, such as your workplace, address or phone number.
- This site does not record IP addresses and loads nothing from other sites. See the [privacy notice](/en/privacy).
- Never save a password on a shared computer or on someone else's device.
`,
};
