import { Hono } from 'hono';
import type { AuditService } from '../../services/audit-service.ts';
import type { BatchEntryService } from '../../services/batch/batch-entry-service.ts';
import type { CentersService } from '../../services/centers-service.ts';
import type { ContactService } from '../../services/contact-service.ts';
import type { ModerationService } from '../../services/moderation/moderation-service.ts';
import type { PasskeyService } from '../../services/passkey-service.ts';
import type { StaffAdminService } from '../../services/staff-admin-service.ts';
import type { StaffAuthService } from '../../services/staff-auth-service.ts';
import type { SupportService } from '../../services/support-service.ts';
import type { OutreachService } from '../../services/outreach/outreach-service.ts';
import type { NewsletterService } from '../../services/newsletter/newsletter-service.ts';
import type { ResourcesService } from '../../services/resources/resources-service.ts';
import type { InboxService } from '../../services/inbox/inbox-service.ts';
import type { AppEnv } from '../env.ts';
import { consoleSession } from '../middleware/console-session/console-session.ts';
import { csrfProtection } from '../middleware/csrf/csrf.ts';
import { auditRoutes } from './audit/routes.tsx';
import { batchRoutes } from './batch/routes.tsx';
import { centersRoutes } from './centers/routes.tsx';
import { authRoutes } from './auth/routes.tsx';
import { consoleError } from './console-kit.tsx';
import { homeRoutes } from './home/routes.tsx';
import { inboxRoutes } from './inbox/routes.tsx';
import { moderationRoutes } from './moderation/routes.ts';
import { outreachRoutes } from './outreach/routes.ts';
import { newsletterConsoleRoutes } from './newsletter/routes.tsx';
import { passkeysRoutes } from './passkeys/routes.tsx';
import { resourcesRoutes } from './resources/routes.tsx';
import { staffRoutes } from './staff/routes.tsx';
import { supportConsoleRoutes } from './support/routes.tsx';
import { inboxSettingsRoutes } from './inbox-settings/routes.tsx';
import type { ChannelSettings } from '../../services/channels/channel-settings.ts';
import type { CertificateService } from '../../services/certificates/certificate-service.ts';
import { certificatesConsoleRoutes } from './certificates/routes.tsx';
import type { Switches } from '../../services/flood/switches-service.ts';
import { switchesRoutes } from './switches/routes.tsx';

export interface ConsoleDeps {
  audit: AuditService;
  staffAuth: StaffAuthService;
  staffAdmin: StaffAdminService;
  passkeys: PasskeyService;
  moderation: ModerationService;
  contacts: ContactService;
  centers: CentersService;
  support: SupportService;
  batchEntry: BatchEntryService;
  outreach: OutreachService;
  newsletter: NewsletterService;
  resources: ResourcesService;
  inbox: InboxService;
  channels: { settings: ChannelSettings };
  certificates: CertificateService;
  flood: { switches: Switches };
  /** The counting time zone: every date shown is in it. */
  timeZone: string;
  publicUrl: string;
}

/** The staff console under /console: session → CSRF → per-route rule (see console-rules.ts). */
export function createConsole(deps: ConsoleDeps): Hono<AppEnv> {
  const router = new Hono<AppEnv>({ strict: false });
  for (const path of ['/console', '/console/*']) {
    router.use(path, consoleSession(deps.staffAuth));
    router.use(
      path,
      csrfProtection((c) => consoleError(c, 403, 'auth.csrf'), new URL(deps.publicUrl).origin),
    );
  }
  authRoutes(router, deps.staffAuth, deps.passkeys);
  passkeysRoutes(router, deps.passkeys, deps.timeZone);
  homeRoutes(router, deps.batchEntry, deps.timeZone, deps.centers);
  batchRoutes(router, deps.batchEntry, deps.timeZone, deps.inbox);
  staffRoutes(router, deps.staffAdmin, deps.centers, deps.publicUrl);
  moderationRoutes(router, deps.moderation, deps.contacts, deps.centers, deps.timeZone);
  supportConsoleRoutes(router, deps.support, deps.timeZone);
  auditRoutes(router, deps.audit, deps.timeZone);
  centersRoutes(router, deps.centers);
  outreachRoutes(router, deps);
  newsletterConsoleRoutes(router, deps.newsletter.issues, deps.timeZone);
  resourcesRoutes(router, deps.resources, deps.timeZone);
  inboxRoutes(router, deps);
  inboxSettingsRoutes(router, deps.channels.settings, deps.timeZone, deps.publicUrl);
  certificatesConsoleRoutes(router, deps.certificates, deps.timeZone);
  switchesRoutes(router, deps.flood.switches);
  return router;
}
