import { Permission } from '../../domain/staff/permissions.ts';

/**
 * Who may call each console route, in one table. A route registered without
 * an entry here fails at start-up, and the role-matrix test walks this table
 * against every role.
 *  - anonymous: no session needed (sign-in, one-time links);
 *  - session: any session, even one still waiting for its second factor;
 *  - a Permission: a full session (both factors) whose role grants it.
 */
export type RouteRule = 'anonymous' | 'session' | Permission;

export const CONSOLE_RULES: Readonly<Record<string, RouteRule>> = {
  'GET /console/sign-in': 'anonymous',
  'POST /console/sign-in': 'anonymous',
  'GET /console/enrol/:token': 'anonymous',
  'POST /console/enrol/:token': 'anonymous',
  'GET /console/reset/:token': 'anonymous',
  'POST /console/reset/:token': 'anonymous',
  'GET /console/sign-in/code': 'session',
  'POST /console/sign-in/code': 'session',
  'GET /console/second-factor': 'session',
  'POST /console/second-factor': 'session',
  'POST /console/sign-out': 'session',
  'GET /console/assets/passkeys.js': 'anonymous',
  'POST /console/sign-in/passkey/options': 'session',
  'POST /console/sign-in/passkey': 'session',
  'GET /console': Permission.ConsoleUse,
  'GET /console/passkeys': Permission.ConsoleUse,
  'POST /console/passkeys/options': Permission.ConsoleUse,
  'POST /console/passkeys': Permission.ConsoleUse,
  'POST /console/passkey/:id/delete': Permission.ConsoleUse,
  'POST /console/sign-out-everywhere': Permission.ConsoleUse,
  'GET /console/staff': Permission.StaffManageCenter,
  'POST /console/staff': Permission.StaffManageCenter,
  'POST /console/staff/:id/:action': Permission.StaffManageCenter,
  'GET /console/staff/:id/deactivate': Permission.StaffManageCenter,
  'GET /console/audit': Permission.AuditRead,
  'GET /console/moderation': Permission.ModerationRead,
  'POST /console/moderation': Permission.ModerationDecide,
  'GET /console/moderation/:number': Permission.ModerationRead,
  'POST /console/moderation/:number/redact': Permission.ModerationDecide,
  'POST /console/moderation/:number/duplicate': Permission.ModerationDecide,
  'POST /console/moderation/:number/unpublish': Permission.ModerationDecide,
  'POST /console/moderation/:number/feature': Permission.ModerationDecide,
  'POST /console/moderation/:number/contact': Permission.ContactReveal,
  'GET /console/reasons': Permission.ReasonsManage,
  'POST /console/reasons': Permission.ReasonsManage,
  'POST /console/reasons/:id/:action': Permission.ReasonsManage,
  'GET /console/support': Permission.ModerationRead,
  'POST /console/support': Permission.ModerationDecide,
  'GET /console/selection': Permission.SelectionExport,
  'POST /console/selection/export': Permission.SelectionExport,
  'GET /console/batch': Permission.DeclarationsEnter,
  'POST /console/batch': Permission.DeclarationsEnter,
  'GET /console/batch/import': Permission.DeclarationsEnter,
  'POST /console/batch/import': Permission.DeclarationsEnter,
  'POST /console/batch/import/confirm': Permission.DeclarationsEnter,
  'GET /console/stats/center': Permission.StatisticsCenter,
  'GET /console/centers': Permission.StaffManageCenter,
  'GET /console/centers/new': Permission.CentersManage,
  'POST /console/centers': Permission.CentersManage,
  'GET /console/center/:id': Permission.StaffManageCenter,
  'POST /console/center/:id': Permission.CentersManage,
  // Phone banks (docs/outreach.md): the services check the campaign's center again.
  'GET /console/campaigns': Permission.OutreachCall,
  'GET /console/campaigns/new': Permission.OutreachManageCenter,
  'POST /console/campaigns': Permission.OutreachManageCenter,
  'GET /console/campaign/:id': Permission.OutreachCall,
  'POST /console/campaign/:id': Permission.OutreachManageCenter,
  'POST /console/campaign/:id/lease': Permission.OutreachCall,
  'POST /console/campaign/:id/release': Permission.OutreachCall,
  'POST /console/campaign/:id/script': Permission.OutreachManageCenter,
  'POST /console/campaign/:id/consequences': Permission.OutreachManageCenter,
  'POST /console/campaign/:id/assign': Permission.OutreachManageCenter,
  'POST /console/campaign/:id/revoke': Permission.OutreachManageCenter,
  'POST /console/campaign/:id/import': Permission.OutreachManageCenter,
  'GET /console/import/:id': Permission.OutreachManageCenter,
  'POST /console/import/:id/confirm': Permission.OutreachManageCenter,
  'POST /console/import/:id/discard': Permission.OutreachManageCenter,
  'GET /console/campaign/:id/call': Permission.OutreachCall,
  'POST /console/campaign/:id/call/:contact/reveal': Permission.OutreachCall,
  'POST /console/campaign/:id/call/:contact': Permission.OutreachCall,
  'GET /console/callbacks': Permission.OutreachCall,
  'GET /console/calls': Permission.OutreachCall,
  'POST /console/calls/leaderboard': Permission.OutreachCall,
  'POST /console/callbacks/:id/take': Permission.OutreachCall,
  'GET /console/do-not-call': Permission.OutreachManageCenter,
  'POST /console/do-not-call': Permission.OutreachManageCenter,
  'POST /console/do-not-call/check': Permission.OutreachManageCenter,
  // The newsletter (docs/newsletter.md): admins only; the service checks again.
  'GET /console/newsletter': Permission.NewsletterSend,
  'GET /console/newsletter/new': Permission.NewsletterSend,
  'POST /console/newsletter': Permission.NewsletterSend,
  'GET /console/newsletter-issue/:id': Permission.NewsletterSend,
  'POST /console/newsletter-issue/:id': Permission.NewsletterSend,
  'POST /console/newsletter-issue/:id/send': Permission.NewsletterSend,
  // The resources page's editor and its allowed outside addresses (docs/resources.md).
  'GET /console/resources': Permission.ResourcesEdit,
  'GET /console/resources/:locale': Permission.ResourcesEdit,
  'POST /console/resources/:locale': Permission.ResourcesEdit,
  'POST /console/resources/:locale/restore': Permission.ResourcesEdit,
  'POST /console/resource-links': Permission.ResourcesEdit,
  'POST /console/resource-links/:id/remove': Permission.ResourcesEdit,
  // The intake inbox (docs/inbox.md): the services check the item's center again.
  'GET /console/inbox': Permission.InboxWork,
  'GET /console/inbox/calls': Permission.InboxWork,
  'POST /console/inbox/calls': Permission.InboxWork,
  'GET /console/inbox/item/:id': Permission.InboxWork,
  'GET /console/inbox/item/:id/attachment/:n': Permission.InboxWork,
  'POST /console/inbox/item/:id/take': Permission.InboxWork,
  'POST /console/inbox/item/:id/assign': Permission.InboxManageCenter,
  'POST /console/inbox/item/:id/snooze': Permission.InboxWork,
  'POST /console/inbox/item/:id/wake': Permission.InboxWork,
  'POST /console/inbox/item/:id/discard': Permission.InboxWork,
  'POST /console/inbox/item/:id/reply': Permission.InboxWork,
  // How items reach the inbox (docs/inbox.md): the service checks the center again.
  'GET /console/inbox-settings': Permission.ChannelsManageCenter,
  'GET /console/inbox-settings/:id': Permission.ChannelsManageCenter,
  'POST /console/inbox-settings/:id': Permission.ChannelsManageCenter,
  'POST /console/inbox-settings/:id/secret': Permission.ChannelsManageCenter,
  // Certificates for real-name declarants (docs/certificates.md): the service checks again.
  'GET /console/certificates': Permission.ModerationRead,
  'POST /console/certificates': Permission.CertificatesIssue,
  // The kill switches (docs/security.md, "Kill switches"): the service checks the permission again.
  'GET /console/switches': Permission.SwitchesManage,
  'POST /console/switch/:name': Permission.SwitchesManage,
};

const PAGE_PATTERNS = Object.keys(CONSOLE_RULES)
  .filter((key) => key.startsWith('GET '))
  .map((key) => key.slice(4).split('/'));

const isPage = (segments: readonly string[]) =>
  PAGE_PATTERNS.some(
    (pattern) => pattern.length === segments.length && pattern.every((part, i) => part.startsWith(':') || part === segments[i]),
  );

/**
 * The page a console path belongs to: itself when it is served with GET, else the nearest enclosing
 * path that is (a POST to /console/campaign/1/call/5/reveal belongs to /console/campaign/1/call). A page
 * rendered in answer to a POST links to it, say to show itself in another language, since its own
 * path answers only POST.
 */
export function pageOf(path: string): string {
  const segments = path.split('/');
  for (let end = segments.length; end > 2; end--) if (isPage(segments.slice(0, end))) return segments.slice(0, end).join('/');
  return '/console';
}

export function ruleFor(method: string, path: string): RouteRule {
  const rule = CONSOLE_RULES[`${method} ${path}`];
  if (rule === undefined) throw new Error(`console route ${method} ${path} has no authorization rule in CONSOLE_RULES`);
  return rule;
}
