import { readFileSync } from 'node:fs';
import type { InboundConfig } from '../config.ts';
import type { Logger } from '../logging/logger.ts';
import type { Services } from '../services/services.ts';
import type { ParsedBounce } from '../services/channels/inbound-mail.ts';
import { createImapPoller } from './imap-poller.ts';
import { startSmtpReceiver } from './smtp-receiver.ts';

/**
 * Starts what `tuidang serve` runs for mail to reach the inboxes (docs/inbox.md): the SMTP receiver
 * when TUIDANG_SMTP_PORT is set, and the IMAP poller (which has nothing to do until a center
 * configures a mailbox). Returns the function that stops both.
 */
export async function startInboundChannels(
  config: InboundConfig,
  channels: Services['channels'],
  logger: Logger,
  onBounce?: (token: string, bounce: ParsedBounce) => Promise<unknown>,
): Promise<() => Promise<void>> {
  const receiver =
    config.smtpPort === undefined
      ? undefined
      : await startSmtpReceiver({
          host: config.smtpHost,
          port: config.smtpPort,
          domain: config.domain,
          tls: config.tls && { key: readFileSync(config.tls.keyFile), cert: readFileSync(config.tls.certFile) },
          settings: channels.settings,
          intake: channels.intake,
          onBounce,
          logger,
        });
  if (receiver) logger.info({ port: receiver.port, domain: config.domain, starttls: config.tls !== undefined }, 'smtp receiver listening');
  const stopPoller = createImapPoller({ settings: channels.settings, intake: channels.intake, logger }).start(
    config.imapPollSeconds * 1000,
  );
  return async () => {
    await stopPoller();
    await receiver?.close();
  };
}
