import type { Child } from 'hono/jsx';
import { LOCALES, catalogFor, type Catalog, type Locale } from '../../../i18n/index.ts';
import { Permission, can } from '../../../domain/staff/permissions.ts';
import type { SignedInSession } from '../../../services/staff-auth-service.ts';
import { STYLES } from '../../views/styles.ts';
import { CSRF_FIELD } from '../../middleware/csrf/csrf.ts';
import type { ConsoleMessages } from '../messages.ts';

const CONSOLE_STYLES =
  'table{border-collapse:collapse;width:100%;background:var(--p)}th,td{border-bottom:1px solid var(--l);padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}' +
  'main{max-width:72rem}header{max-width:72rem}.notice{background:var(--p);border:1px solid #4f9a4f;border-radius:.4rem;padding:.5rem 1rem}' +
  '.inline{display:inline}.row{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end}.row label{min-width:0;max-width:100%}.qr svg{width:14rem;height:14rem;background:#fff}' +
  '.batch th,.batch td{padding:.15rem .3rem;vertical-align:middle}.batch th.org,.batch td.org{text-align:center;width:3.2rem}' +
  '.batch input[type=text]{padding:.3rem .45rem}.batch td.count{width:5.5rem}.batch td.region{width:16rem}' +
  '.batch input[type=checkbox]{width:1.15rem;height:1.15rem}' +
  '.batch tr.note td{padding-top:0}.batch tr.note p{margin:0 0 .3rem}' +
  'table.codes td.code{font:600 1.05rem/1.5 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.03em;white-space:nowrap;user-select:all}' +
  'pre.example{background:var(--p);border:1px solid var(--l);border-radius:.3rem;padding:.5rem .75rem;overflow-x:auto}' +
  'fieldset.shared label.line{display:block;font-weight:600}fieldset.shared .row div{min-width:12rem}' +
  // The inbox (inbox/views): a list that reads on a phone, the text as it came, attachments within the width.
  'ul.items{list-style:none;padding:0}ul.items li{background:var(--p);border:1px solid var(--l);border-radius:.3rem;padding:.5rem .75rem;margin:.4rem 0;overflow-wrap:anywhere}' +
  '.item-text{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--p);border:1px solid var(--l);border-radius:.3rem;padding:.5rem .75rem}' +
  '.attachment img{max-width:100%;height:auto}.attachment iframe{width:100%;height:70vh;border:1px solid var(--l)}.attachment audio{width:100%}' +
  '.actions form{margin:.5rem 0}' +
  // Sign-out after the languages on the header's first row (the public sheet puts the links on the second).
  'header form.inline{order:1}header form.inline button{padding:.2rem .7rem;font-size:.85rem}' +
  // On a phone a wide table scrolls within its own box, so the page itself never grows wider than the screen.
  '@media (max-width:40rem){main table:not(.queue){display:block;overflow-x:auto}}' +
  // The moderation queue on a phone: each row a compact card (number and time, names, the rest), no table width.
  '@media (max-width:40rem){table.queue thead{position:absolute;left:-999em}table.queue,table.queue tbody{display:block}' +
  'table.queue tr{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 .6rem;position:relative;padding:.4rem .5rem .4rem 2rem;border-bottom:1px solid var(--l)}' +
  'table.queue td{display:block;border:0;padding:0;font-size:.9rem}table.queue td.sel{position:absolute;left:0;top:.35rem}' +
  'table.queue td.num{order:1}table.queue td.time{order:2;margin-left:auto;color:var(--m)}table.queue td.names{order:3;flex-basis:100%;font-weight:600}' +
  'table.queue td.orgs{order:4}table.queue td.region{order:5}table.queue td.behalf{order:6}table.queue td.signals{order:7}table.queue td.signals:empty,table.queue td.signals .none,table.queue td.signals .none+br{display:none}' +
  'table.queue td.title{order:8;flex-basis:100%}table.queue td.title .hint{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}' +
  'table.queue input[type=checkbox]{width:1.2rem;height:1.2rem}}';

export interface ConsolePageProps {
  locale: Locale;
  t: Catalog;
  m: ConsoleMessages;
  nonce: string | undefined;
  title: string;
  /** The page this one belongs to, which the language links lead to (pageOf in console-rules.ts). */
  page: string;
  session?: SignedInSession | undefined;
  children?: Child;
}

/** What every console page is given before its title and content: see consoleProps. */
export type ConsoleShellProps = Omit<ConsolePageProps, 'title' | 'children'>;

/** The nav shows exactly the areas the policies allow this actor. */
function navItems(session: SignedInSession | undefined, m: ConsoleMessages): [string, string][] {
  if (!session?.secondFactor) return [];
  const actor = session.actor;
  const items: [string, string, boolean][] = [
    ['/console', m.nav.home, can(actor, Permission.ConsoleUse)],
    ['/console/batch', m.nav.batch, can(actor, Permission.DeclarationsEnter)],
    ['/console/campaigns', m.nav.campaigns, can(actor, Permission.OutreachCall)],
    ['/console/inbox', m.nav.inbox, can(actor, Permission.InboxWork)],
    ['/console/moderation', m.nav.moderation, can(actor, Permission.ModerationRead)],
    ['/console/support', m.nav.support, can(actor, Permission.ModerationRead)],
    ['/console/certificates', m.nav.certificates, can(actor, Permission.ModerationRead)],
    ['/console/selection', m.nav.selection, can(actor, Permission.SelectionExport)],
    ['/console/reasons', m.nav.reasons, can(actor, Permission.ReasonsManage)],
    ['/console/stats/center', m.nav.centerStatistics, can(actor, Permission.StatisticsCenter)],
    ['/console/centers', m.nav.centers, can(actor, Permission.StaffManageCenter)],
    ['/console/staff', m.nav.staff, can(actor, Permission.StaffManageCenter)],
    ['/console/inbox-settings', m.nav.inboxSettings, can(actor, Permission.ChannelsManageCenter)],
    ['/console/audit', m.nav.audit, can(actor, Permission.AuditRead)],
    ['/console/newsletter', m.nav.newsletter, can(actor, Permission.NewsletterSend)],
    ['/console/resources', m.nav.resources, can(actor, Permission.ResourcesEdit)],
    ['/console/switches', m.nav.switches, can(actor, Permission.SwitchesManage)],
  ];
  return items.filter(([, , allowed]) => allowed).map(([href, label]) => [href, label]);
}

export function ConsoleLayout({ locale, m, nonce, title, page, session, children }: ConsolePageProps) {
  return (
    <html lang={catalogFor(locale).lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${m.title}`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style nonce={nonce}>{STYLES + CONSOLE_STYLES}</style>
      </head>
      <body>
        <header>
          <a class="brand" href="/console">
            {m.title}
          </a>
          <nav>
            {navItems(session, m).map(([href, label]) => (
              <a href={href}>{label}</a>
            ))}
          </nav>
          <span class="langs">
            {LOCALES.map((other) => (
              <a href={`${page}?lang=${other}`} aria-current={other === locale ? 'page' : undefined}>
                {catalogFor(other).languageName}
              </a>
            ))}
          </span>
          {session && (
            <form method="post" action="/console/sign-out" class="inline">
              <CsrfField session={session} />
              <button type="submit" class="secondary">
                {m.nav.signOut}
              </button>
            </form>
          )}
        </header>
        <main>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

export function CsrfField({ session }: { session: SignedInSession | undefined }) {
  return session ? <input type="hidden" name={CSRF_FIELD} value={session.csrfToken} /> : null;
}

export function ErrorNote({ message }: { message: string | undefined }) {
  return message ? (
    <p class="error" role="alert">
      {message}
    </p>
  ) : null;
}
