import { Hono } from 'hono';
import type { DeclarationService } from '../../services/declaration-service.ts';
import type { AppEnv } from '../env.ts';
import { respondError } from '../errors.tsx';
import { pageProps, renderPage } from '../render.ts';
import { DeclarationPage } from '../views/pages/declaration.tsx';
import { HomePage } from '../views/pages/home.tsx';

export function pageRoutes(declarations: DeclarationService) {
  const routes = new Hono<AppEnv>();

  routes.get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return renderPage(c, <HomePage {...pageProps(c)} />);
  });

  routes.get('/declarations/:registrationNumber', async (c) => {
    const declaration = await declarations.getPublished(c.req.param('registrationNumber'));
    if (!declaration) return respondError(c, 404, 'request.notFound');
    c.header('Cache-Control', 'public, max-age=60');
    return renderPage(c, <DeclarationPage {...pageProps(c)} declaration={declaration} />);
  });
  return routes;
}
