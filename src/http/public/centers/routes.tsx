import { Hono } from 'hono';
import type { CentersService } from '../../../services/centers-service.ts';
import type { AppEnv } from '../../env.ts';
import { pageProps, renderPage } from '../../render.ts';
import { CentersPage } from './views/centers-page.tsx';

/** GET /centers, mounted under each locale prefix: the public directory of public centers. */
export function publicCentersRoutes(centers: CentersService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/centers', async (c) => {
    const list = await centers.listPublic();
    c.header('Cache-Control', 'public, max-age=300');
    return renderPage(c, <CentersPage {...pageProps(c)} centers={list} />);
  });
  return routes;
}
