import type { ConsoleRouter } from '../console-kit.tsx';
import { campaignRoutes } from './campaign-routes.tsx';
import { doNotCallRoutes } from './do-not-call-routes.tsx';
import { importRoutes } from './import-routes.tsx';
import type { OutreachPageDeps } from './page.tsx';

/** Phone banks (docs/outreach.md): campaigns and leases, imports, the do-not-call list. */
export function outreachRoutes(router: ConsoleRouter, deps: OutreachPageDeps): void {
  campaignRoutes(router, deps);
  importRoutes(router, deps);
  doNotCallRoutes(router, deps);
}
