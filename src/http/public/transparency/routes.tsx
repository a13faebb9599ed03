import { Hono } from 'hono';
import type { LogService } from '../../../services/log/log-service.ts';
import type { AppEnv } from '../../env.ts';
import { pageProps, renderPage } from '../../render.ts';
import { TransparencyPage } from './views/transparency-page.tsx';

/** GET /transparency, mounted under each locale prefix: what the log proves, how to check it, its latest checkpoint. */
export function transparencyRoutes(log: LogService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/transparency', async (c) => {
    // The queue before the checkpoint, as the counter reads them: a batch in between only overstates what waits.
    const pending = await log.pendingChanges();
    const checkpoint = await log.checkpoint();
    c.header('Cache-Control', 'public, max-age=60');
    return renderPage(
      c,
      <TransparencyPage
        {...pageProps(c)}
        checkpoint={checkpoint}
        verifierKey={log.verifierKey}
        nextVerifierKey={log.nextVerifierKey}
        pending={pending}
      />,
    );
  });
  return routes;
}
