import { Hono } from 'hono';
import type { HealthService } from '../../services/health-service.ts';
import { NO_STORE } from '../answers.ts';
import type { AppEnv } from '../env.ts';

/**
 * For load balancers and supervisors (docs/operations.md, "Health"), on the main port and public:
 * `/healthz` answers while the process serves requests; `/readyz` while the database, the intake
 * writer and the keys are ready too. A word each, never which part failed, a version or a time: the
 * log says why to the operator, and nothing here helps someone probing the service.
 */
export function healthRoutes(health: HealthService) {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => {
    c.header('Cache-Control', NO_STORE);
    return c.text('ok');
  });
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', NO_STORE);
    return (await health.ready()) ? c.text('ready') : c.text('not ready', 503);
  });
  return app;
}
