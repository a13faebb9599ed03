// The layers of src/, top-down (docs/architecture.md, "Layers"). A module may import its own layer and
// the layers below it, never one above; nothing may import in a cycle. Layers are folders, so a file
// moved within its folder keeps its rules. test/architecture/layers.test.ts runs these rules in `npm test`;
// `npx depcruise src test bench` prints the same report.
//
//   entry points   src/cli/, src/jobs/, src/tools/, src/server.ts
//   composition    src/composition.ts: config → keys → database → repositories → services
//   http           src/http/: reaches data only through services
//   services       src/services/, and src/intake/ (group commit and the writer threads, used by services)
//   repositories   src/repositories/: all SQL
//   db             src/db/: engine, dialect, schema, migrations
//   floor          src/domain/ and src/i18n/: vocabulary and rules without I/O, and how they are said
//
// Shared utilities, usable by every layer above the floor, importing no layer themselves:
// src/crypto/, src/logging/, src/mail/ (the one way mail is sent), src/metrics/ (the Prometheus registry), src/runtime/ (how our modules run in threads and processes).
// src/config.ts reads the environment: only entry points and the composition root read it, and they
// pass plain values down. Tests (*.test.ts, test/) sit above everything: they may import any layer,
// but not in a cycle.

const ENTRY = '^src/(cli|jobs|tools)/|^src/server[.]ts$';
const COMPOSITION = '^src/composition([.]ts$|/)';
const HTTP = '^src/http/';
const SERVICES = '^src/services/';
const INTAKE = '^src/intake/';
const REPOSITORIES = '^src/repositories/';
const DB = '^src/db/';
const FLOOR = '^src/(domain|i18n)/';
const SHARED = '^src/(crypto|logging|mail|metrics|runtime)/';
const CONFIG = '^src/config[.]ts$';
const TEST = '[.]test[.]tsx?$|^test/';

const any = (...patterns) => patterns.join('|');

/** A rule that a layer's (non-test) modules import none of `forbidden`. */
function layer(name, from, forbidden, comment, allowed) {
  return {
    name,
    severity: 'error',
    comment,
    from: { path: from, pathNot: TEST },
    to: allowed ? { path: forbidden, pathNot: allowed } : { path: forbidden },
  };
}

/** Node modules that reach outside the process: files, network, threads, processes, databases. */
const NODE_IO = [
  'fs',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'tls',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'sqlite',
];
/** Packages that do I/O or serve requests. */
const PACKAGE_IO = ['kysely', 'pg', 'pino', 'hono', '@hono/node-server', 'esbuild'];

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Modules import each other in a cycle: move what both need into a module of its own, in the lower layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-the-service',
      severity: 'error',
      comment: 'A module of the service imports a test or a test helper.',
      from: { path: '^src/', pathNot: TEST },
      to: { path: TEST },
    },
    layer(
      'composition-below-entry-points',
      COMPOSITION,
      ENTRY,
      'The composition root builds the services; entry points (CLI, jobs, tools, server) use it, not the other way round.',
    ),
    layer(
      'http-below-composition',
      HTTP,
      any(ENTRY, COMPOSITION, CONFIG),
      'HTTP is given its services and plain values by the composition root: it imports neither the root, nor an entry point, nor the configuration.',
    ),
    layer(
      'http-reaches-data-through-services',
      HTTP,
      any(REPOSITORIES, DB, INTAKE),
      'HTTP reaches data only through services: no repository, no database handle or schema, no intake writer. ' +
        'The one exception is the error the database driver throws when the lock cannot be had (db/database-busy.ts), answered 503.',
      '^src/db/database-busy[.]ts$',
    ),
    layer(
      'services-below-http',
      SERVICES,
      any(ENTRY, COMPOSITION, CONFIG, HTTP),
      'Services are use cases: they know nothing of HTTP, the composition root or the configuration.',
    ),
    layer(
      'intake-below-services',
      INTAKE,
      any(ENTRY, COMPOSITION, CONFIG, HTTP, SERVICES),
      'The intake machinery (group commit, writer threads, checkpointer) is used by services and uses repositories; it imports no service.',
    ),
    layer(
      'repositories-below-services',
      REPOSITORIES,
      any(ENTRY, COMPOSITION, CONFIG, HTTP, SERVICES, INTAKE),
      'Repositories hold SQL only: they import no use case and no HTTP.',
    ),
    layer(
      'db-is-the-floor-of-data',
      DB,
      any(ENTRY, COMPOSITION, CONFIG, HTTP, SERVICES, INTAKE, REPOSITORIES),
      'src/db/ imports nothing above it: no repository, no service.',
    ),
    layer(
      'floor-imports-no-layer',
      FLOOR,
      any(ENTRY, COMPOSITION, CONFIG, HTTP, SERVICES, INTAKE, REPOSITORIES, DB, SHARED),
      'The domain and i18n are rules and words without I/O: they import no layer above them and no shared utility (logging, keys on disk, threads).',
    ),
    {
      name: 'floor-does-no-io',
      severity: 'error',
      comment: 'The domain and i18n do no I/O: no files, network, threads, processes, database or HTTP framework.',
      from: { path: FLOOR, pathNot: TEST },
      to: { path: `^(node:)?(${NODE_IO.join('|')})(/|$)|(^|/)node_modules/(${PACKAGE_IO.join('|')})/` },
    },
    layer(
      'shared-utilities-import-no-layer',
      SHARED,
      any(ENTRY, COMPOSITION, CONFIG, HTTP, SERVICES, INTAKE, REPOSITORIES, DB, FLOOR),
      'Shared utilities (crypto, logging, runtime) sit beside the layers and import none of them.',
    ),
    layer(
      'config-imports-no-layer',
      CONFIG,
      any(ENTRY, COMPOSITION, HTTP, SERVICES, INTAKE, REPOSITORIES, DB, SHARED),
      "The configuration is parsed from the environment, checked with the floor's rules (a time zone is one) and nothing else.",
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    // Type-only imports count: a cycle through a type is still two modules that cannot be read apart.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
