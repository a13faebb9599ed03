import { legacyLinkRoutes } from './public/legacy-links/routes.ts';
import { Hono } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { LOCALES } from '../i18n/index.ts';
import type { Logger } from '../logging/logger.ts';
import type { Services } from '../services/services.ts';
import { allowedMethods } from './allowed-methods.ts';
import { bodyLimitOf, failureOf } from './answers.ts';
import { archiveApi } from './api/v1/archive-api.ts';
import { counterApi } from './api/v1/counter-api.ts';
import { declarationsApi } from './api/v1/declarations-api.ts';
import { openApiDocument } from './api/v1/openapi.ts';
import { receiptsApi } from './api/v1/receipts-api.ts';
import { statisticsApi } from './api/v1/statistics-api.ts';
import { createConsole } from './console/console-app.ts';
import type { AppEnv } from './env.ts';
import { respondError } from './errors.tsx';
import { bodyLimit } from './middleware/body-limit/body-limit.ts';
import { publicReadPreflight } from './middleware/cors/cors.ts';
import { fixedLocale, negotiatedLocale } from './middleware/locale/locale.ts';
import { requestLog } from './middleware/request-log/request-log.ts';
import { PUBLIC_READ_ROUTES } from './middleware/security-headers/policy.ts';
import { securityHeaders } from './middleware/security-headers/security-headers.ts';
import type { PreparedRoutes } from './fast-lane/prepared-routes.ts';
import { declareRoutes } from './public/declare/routes.tsx';
import { archiveRoutes } from './public/archive/routes.tsx';
import { publicCentersRoutes } from './public/centers/routes.tsx';
import { feedRoutes } from './public/feeds/routes.ts';
import { pageRoutes } from './public/pages/routes.tsx';
import { publicPagesVersions } from './public/public-pages-version.ts';
import { receiptRoutes } from './public/receipt/routes.tsx';
import { statisticsRoutes } from './public/statistics/routes.tsx';
import { supportRoutes } from './public/support/routes.tsx';
import { newsletterRoutes } from './public/newsletter/routes.tsx';
import { helpRoutes } from './public/help/routes.tsx';
import { voicemailHookRoutes } from './hooks/voicemail-routes.ts';
import { contactRoutes } from './public/contact/routes.tsx';
import { logApi } from './api/v1/log-api.ts';
import { logFiles } from './public/transparency/log-files.ts';
import { transparencyRoutes } from './public/transparency/routes.tsx';
import { siteFileRoutes } from './public/site-files/routes.ts';
import { certificateRoutes } from './public/certificates/routes.tsx';
import { mirrorRoutes } from './public/mirror/routes.tsx';
import { healthRoutes } from './health/routes.ts';
import { requestMetrics } from './middleware/request-metrics/request-metrics.ts';
import { killSwitches } from './middleware/kill-switch/kill-switch.ts';
import { powFileRoutes } from './public/declare/pow-files.ts';
import { floodApi } from './api/v1/challenge-api.ts';

export interface AppDeps {
  logger: Logger;
  services: Services;
  /** Filled here by the routes that have prepared responses; served ahead of the app by preparedFirst. */
  prepared: PreparedRoutes;
}

/**
 * The whole HTTP surface. Middleware order, written once:
 * request log (id) → security headers → body limit → locale → route.
 * In front of it all, the server answers the hottest GETs from their prepared
 * responses (PreparedRoutes, filled by the routes below).
 */
export function createApp({ logger, services, prepared }: AppDeps) {
  const { declarations } = services;
  const publicVersions = publicPagesVersions(declarations, services.publicChanges, services.clock, logger);
  // Not strict: /en and /en/ are the same page, without a redirect hop.
  // Every route compiled into one regular expression. A static segment beside a parameter at the same
  // place (/console/centers/new and /console/centers/:id) cannot be, and hono would quietly fall back to
  // its trie router for the whole app, dearer on every request (docs/performance.md). So the router is
  // named here and compiled below, and such a route fails at start; give the single item its own path
  // instead (/console/center/:id).
  const app = new Hono<AppEnv>({ strict: false, router: new RegExpRouter() });

  app.use(requestLog(logger));
  app.use(requestMetrics(services.metrics));
  app.use(securityHeaders());
  // Ahead of the body limits (1 MB for the console, 128 KB elsewhere): a voicemail recording is larger, and this route counts its own body.
  app.route('/', voicemailHookRoutes(services.channels.settings, services.channels.intake, services.clock, logger));
  app.use(bodyLimit(bodyLimitOf, (c) => respondError(c, 413, 'request.tooLarge')));
  // A feature switched off answers 503 before any of its routes runs (docs/security.md, "Kill switches").
  app.use(killSwitches(services.flood.switches));

  app.route('/', healthRoutes(services.health));
  app.use('/api/*', negotiatedLocale());
  app.on('OPTIONS', [...PUBLIC_READ_ROUTES], publicReadPreflight());
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument));
  app.route('/', counterApi(services.counter, prepared));
  app.route('/', statisticsApi(services.counter));
  app.route('/', archiveApi(services.archive));
  app.route('/api/v1', declarationsApi(declarations));
  app.route('/api/v1', receiptsApi(declarations));
  app.route('/api/v1', logApi(services.log));
  app.route('/api/v1', floodApi(services.flood.admission, services.flood.admissionCounts));
  app.use('/log/*', negotiatedLocale());
  app.route('/', logFiles(services.log));

  app.get('/', negotiatedLocale(), (c) => c.redirect(`/${c.get('locale')}/`, 302));
  app.route('/', legacyLinkRoutes(services.history));
  app.route('/', siteFileRoutes());
  app.route('/', powFileRoutes());
  const localized = [
    pageRoutes(
      declarations,
      services.counter,
      services.archive,
      services.publicChanges,
      publicVersions.withProofs,
      prepared,
      services.config.timeZone,
      services.clock,
      logger,
      services.log,
      services.config.publicUrl,
    ),
    declareRoutes(declarations),
    receiptRoutes(declarations, services.config.timeZone),
    publicCentersRoutes(services.centers, prepared, services.clock, logger),
    statisticsRoutes(services.counter, services.flood.admissionCounts, services.flood.switches, prepared, services.clock, logger),
    archiveRoutes(
      services.archive,
      services.config.timeZone,
      prepared,
      { pages: services.keptPages, version: publicVersions.rows },
      services.clock,
      logger,
    ),
    feedRoutes(services.archive, services.config.publicUrl, prepared, services.clock, logger),
    supportRoutes(services.support, services.config.timeZone),
    newsletterRoutes(services.newsletter.subscriptions, services.clock),
    helpRoutes(services.resources),
    contactRoutes(services.channels.intake),
    transparencyRoutes(services.log),
    certificateRoutes(services.certificates, declarations, services.config.timeZone, services.config.publicUrl),
    mirrorRoutes(services.config.submissionAddresses),
  ];
  for (const locale of LOCALES) {
    app.use(`/${locale}`, fixedLocale(locale));
    app.use(`/${locale}/*`, fixedLocale(locale));
    for (const routes of localized) app.route(`/${locale}`, routes);
  }

  app.route('/', createConsole({ ...services, ...services.config }));

  app.router.match('GET', '/');

  // A path the app serves, asked with a method it does not serve it with: 405 and the ones it does.
  const allowed = allowedMethods(app.routes);
  app.notFound((c) => {
    const methods = allowed(c.req.path);
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    if (methods.length === 0 || methods.includes(method)) return respondError(c, 404, 'request.notFound');
    c.header('Allow', methods.join(', '));
    return respondError(c, 405, 'request.methodNotAllowed');
  });
  app.onError((error, c) => {
    const { status, code, headers } = failureOf(error, logger, { requestId: c.get('requestId') });
    for (const name in headers) c.header(name, headers[name]);
    return respondError(c, status, code);
  });
  return app;
}
