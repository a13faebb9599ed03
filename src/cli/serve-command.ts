import { startServer } from '../server.ts';
import { createLogger } from '../logging/logger.ts';
import type { Command } from './command.ts';

export const serveCommand: Command = {
  usage: `tuidang serve

Serves on http://HOST:PORT (default 127.0.0.1:8080).
Environment: PORT, HOST, DATABASE_URL (sqlite:PATH or postgres://…),
TUIDANG_DATA_DIR (default ./data), TUIDANG_TIMEZONE (default Asia/Shanghai).
Stops cleanly on SIGINT or SIGTERM, after committing every acknowledged submission.`,
  async run(args, { config, io }) {
    if (args.length > 0) throw new Error(`serve takes no arguments, got: ${args.join(' ')}`);
    const logger = createLogger(config.logLevel);
    const server = await startServer(config, logger);
    // Printed whatever the log level, so scripts and tests learn the port (PORT=0 picks a free one).
    io.out(`Tuidang is listening on ${server.url}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    logger.info('shutting down');
    await server.close();
    return 0;
  },
};
