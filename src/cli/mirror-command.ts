import { parseArgs } from 'node:util';
import { createServices } from '../composition.ts';
import { createApp } from '../http/app.ts';
import { PreparedRoutes } from '../http/fast-lane/prepared-routes.ts';
import { createLogger } from '../logging/logger.ts';
import { exportMirror } from '../tools/mirror/export-mirror.ts';
import { normalizeBasePath } from '../tools/mirror/kit-paths.ts';
import { UsageError, type Command } from './command.ts';

const USAGE = `tuidang mirror export --out DIR [--base-path /x/] [--archive-pages N]

The static mirror kit (docs/mirror.md).

  export   Writes the public site as plain files under DIR, in the three
           languages: the home page, the counter (JSON and the legacy XML),
           statistics and the method, centers and resources, the first
           --archive-pages pages (default 5) of the latest and featured
           statements and of the messages of support, the statements they
           list, the Atom feeds, the certificate check, and the transparency
           log's checkpoint and tiles. Links are relative, or absolute under
           --base-path when the kit is served under a prefix. The declare and
           receipt pages list TUIDANG_SUBMISSION_ADDRESSES, or, with
           TUIDANG_SUBMISSION_ORIGIN set, post there. Run it again to update:
           only files that changed are written, and files no longer part of
           the kit are removed.`;

export const mirrorCommand: Command = {
  usage: USAGE,
  async run(args, { config, io }) {
    const { values, positionals } = parseArgs({
      args,
      options: { out: { type: 'string' }, 'base-path': { type: 'string' }, 'archive-pages': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1 || positionals[0] !== 'export' || !values.out) throw new UsageError(USAGE.split('\n\n')[0]!);
    const pagesText = values['archive-pages'] ?? '5';
    const archivePages = /^\d{1,3}$/.test(pagesText) ? Number(pagesText) : 0;
    if (archivePages < 1) throw new UsageError(`--archive-pages must be a whole number from 1 to 999, got "${pagesText}"`);
    const logger = createLogger(config.logLevel);
    const { services, close } = await createServices(config, { logger });
    try {
      const app = createApp({ logger, services, prepared: new PreparedRoutes() });
      const report = await exportMirror((path) => app.request(path), services.log, {
        out: values.out,
        basePath: values['base-path'] === undefined ? null : normalizeBasePath(values['base-path']),
        archivePages,
        publicUrl: config.publicUrl,
        submissionOrigin: config.mirror.submissionOrigin,
      });
      io.out(`Mirror kit in ${values.out}: ${report.files} files, ${report.written.length} written, ${report.removed.length} removed.`);
      return 0;
    } finally {
      await close();
    }
  },
};
