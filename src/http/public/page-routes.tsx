import { Hono } from 'hono';
import type { CounterService } from '../../services/counter-service.ts';
import type { DeclarationService } from '../../services/declaration-service.ts';
import type { AppEnv } from '../env.ts';
import { respondError } from '../errors.tsx';
import { pageProps, renderPage } from '../render.ts';
import { DeclarationPage } from '../views/pages/declaration.tsx';
import { HomePage } from '../views/pages/home.tsx';

export function pageRoutes(declarations: DeclarationService, counter: CounterService) {
  const routes = new Hono<AppEnv>();

  routes.get('/', async (c) => {
    c.header('Cache-Control', 'public, max-age=5');
    return renderPage(c, <HomePage {...pageProps(c)} counter={await counter.read()} />);
  });

  routes.get('/declarations/:registrationNumber', async (c) => {
    const declaration = await declarations.getPublished(c.req.param('registrationNumber'));
    if (!declaration) return respondError(c, 404, 'request.notFound');
    c.header('Cache-Control', 'public, max-age=60');
    return renderPage(c, <DeclarationPage {...pageProps(c)} declaration={declaration} />);
  });
  return routes;
}
