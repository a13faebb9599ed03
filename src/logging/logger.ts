import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * The logger never receives request headers or socket details: callers pass
 * explicit fields only, and these paths are redacted in case one slips in.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['req', 'headers', 'ip', 'remoteAddress', 'userAgent', '*.headers', '*.ip', '*.remoteAddress', '*.userAgent'],
        remove: true,
      },
    },
    destination,
  );
}
