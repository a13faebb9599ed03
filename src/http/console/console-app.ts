import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { Config } from '../../config.ts';
import type { BatchEntryService } from '../../services/batch-entry-service.ts';
import type { CentersService } from '../../services/centers-service.ts';
import type { ContactService } from '../../services/contact-service.ts';
import type { ModerationService } from '../../services/moderation/moderation-service.ts';
import type { PasskeyService } from '../../services/passkey-service.ts';
import type { StaffAdminService } from '../../services/staff-admin-service.ts';
import type { StaffAuthService } from '../../services/staff-auth-service.ts';
import type { SupportService } from '../../services/support-service.ts';
import type { AppEnv } from '../env.ts';
import { consoleSession } from '../middleware/console-session/console-session.ts';
import { csrfProtection } from '../middleware/csrf/csrf.ts';
import { auditRoutes } from './audit-routes.tsx';
import { batchRoutes } from './batch-routes.tsx';
import { centerRoutes } from './center-routes.tsx';
import { authRoutes } from './auth-routes.tsx';
import { consoleError } from './console-kit.tsx';
import { homeRoutes } from './home-routes.tsx';
import { moderationRoutes } from './moderation/routes.ts';
import { passkeyRoutes } from './passkey-routes.tsx';
import { staffRoutes } from './staff-routes.tsx';
import { supportConsoleRoutes } from './support/routes.tsx';

export interface ConsoleDeps {
  db: Kysely<Database>;
  audit: AuditRepository;
  staffAuth: StaffAuthService;
  staffAdmin: StaffAdminService;
  passkeys: PasskeyService;
  moderation: ModerationService;
  contacts: ContactService;
  centers: CentersService;
  support: SupportService;
  batchEntry: BatchEntryService;
  config: Pick<Config, 'timeZone'>;
  publicUrl: string;
}

/** The staff console under /console: session → CSRF → per-route rule (see policies/console-rules.ts). */
export function createConsole(deps: ConsoleDeps): Hono<AppEnv> {
  const router = new Hono<AppEnv>({ strict: false });
  for (const path of ['/console', '/console/*']) {
    router.use(path, consoleSession(deps.staffAuth));
    router.use(path, csrfProtection((c) => consoleError(c, 403, 'auth.csrf'), new URL(deps.publicUrl).origin));
  }
  authRoutes(router, deps.staffAuth, deps.passkeys);
  passkeyRoutes(router, deps.passkeys, deps.config.timeZone);
  homeRoutes(router, deps.batchEntry, deps.config.timeZone, deps.centers);
  batchRoutes(router, deps.batchEntry, deps.config.timeZone);
  staffRoutes(router, deps.staffAdmin, deps.centers, deps.publicUrl);
  moderationRoutes(router, deps.moderation, deps.contacts, deps.centers, deps.config.timeZone);
  supportConsoleRoutes(router, deps.support, deps.config.timeZone);
  auditRoutes(router, deps.db, deps.audit, deps.config.timeZone);
  centerRoutes(router, deps.centers);
  return router;
}
