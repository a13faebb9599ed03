import { Hono } from 'hono';
import type { ResourcesService } from '../../../services/resources/resources-service.ts';
import type { AppEnv } from '../../env.ts';
import { pageProps, renderPage } from '../../render.ts';
import { ABOUT } from './about-text.ts';
import type { HelpDocument } from './help-document.ts';
import { PRIVACY } from './privacy-text.ts';
import { TERMS } from './terms-text.ts';
import { HelpPage } from './views/help-page.tsx';
import { ResourcesPage } from './views/resources-page.tsx';

const DOCUMENTS: readonly [string, Readonly<Record<string, HelpDocument>>][] = [
  ['/terms', TERMS],
  ['/privacy', PRIVACY],
  ['/about', ABOUT],
];

/**
 * GET /resources, /terms, /privacy and /about, mounted under each locale prefix. The resources
 * page's text is what an admin last saved (or the shipped one); an edit shows within the five
 * minutes a mirror or a cache may keep the page.
 */
export function helpRoutes(resources: ResourcesService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/resources', async (c) => {
    const content = await resources.page(c.get('locale'));
    c.header('Cache-Control', 'public, max-age=300');
    return renderPage(c, <ResourcesPage {...pageProps(c)} content={content} />);
  });
  for (const [path, documents] of DOCUMENTS) {
    routes.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return renderPage(c, <HelpPage {...pageProps(c)} path={path} document={documents[c.get('locale')]!} />);
    });
  }
  return routes;
}
