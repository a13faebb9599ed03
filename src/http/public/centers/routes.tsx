import { Hono } from 'hono';
import { catalogFor } from '../../../i18n/index.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { CentersService } from '../../../services/centers-service.ts';
import { FreshValue } from '../../../services/fast-lane/fresh-value.ts';
import { HTML_TYPE } from '../../answers.ts';
import type { AppEnv } from '../../env.ts';
import { PreparedPage } from '../../fast-lane/prepared-page.ts';
import { prepareResponse, servePrepared } from '../../fast-lane/prepared-response.ts';
import type { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';
import { CentersPage } from './views/centers-page.tsx';

/** A center edited in the console shows within about a second. */
const CENTERS_MS = 1000;

/**
 * GET /centers, mounted under each locale prefix: the public directory of public centers, read at most once a
 * second, rendered once per locale from each reading and served prepared.
 */
export function publicCentersRoutes(centers: CentersService, prepared: PreparedRoutes, clock: () => number, logger: Logger): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const list = new FreshValue(() => centers.listPublic(), CENTERS_MS, { name: 'public centers', logger, clock });
  const page = new PreparedPage(list, (locale, listed) =>
    prepareResponse(
      `<!doctype html>${(<CentersPage locale={locale} t={catalogFor(locale)} centers={listed} />).toString()}`,
      HTML_TYPE,
      'public, max-age=300',
    ),
  );
  page.serveAt(prepared, '/centers');
  routes.get('/centers', async (c) => servePrepared(c, await page.get(c.get('locale'))));
  return routes;
}
