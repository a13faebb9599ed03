import type { ConsoleRouter } from '../console-kit.tsx';
import { callRoutes } from './call-routes.tsx';
import { callbackRoutes } from './callback-routes.tsx';
import { campaignRoutes } from './campaign-routes.tsx';
import { doNotCallRoutes } from './do-not-call-routes.tsx';
import { figuresRoutes } from './figures-routes.tsx';
import { importRoutes } from './import-routes.tsx';
import type { OutreachPageDeps } from './page.tsx';

/** Phone banks (docs/outreach.md): campaigns and leases, imports, the do-not-call list, the calling screen, callbacks, callers' figures. */
export function outreachRoutes(router: ConsoleRouter, deps: OutreachPageDeps): void {
  campaignRoutes(router, deps);
  importRoutes(router, deps);
  doNotCallRoutes(router, deps);
  callRoutes(router, deps);
  callbackRoutes(router, deps);
  figuresRoutes(router, deps);
}
