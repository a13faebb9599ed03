import { ImapFlow } from 'imapflow';
import type { Logger } from '../logging/logger.ts';
import type { ChannelSettings, ImapMailbox } from '../services/channels/channel-settings.ts';
import type { ChannelsIntake } from '../services/channels/channels-intake.ts';
import { INBOX_LIMITS } from '../services/inbox/receive.ts';

/** Messages taken from one mailbox per poll: a mailbox with a backlog is emptied over several polls. */
const MAX_PER_POLL = 50;

export interface ImapPollerOptions {
  settings: Pick<ChannelSettings, 'mailboxes'>;
  intake: Pick<ChannelsIntake, 'receiveMail'>;
  logger: Logger;
}

export interface PollReport {
  /** Messages filed (or found filed already: a redelivery) and flagged \Seen. */
  filed: number;
  /** Messages the inbox refused (over its limits): flagged \Seen too, so they are not fetched every poll; the mailbox keeps them. */
  refused: number;
  /** Messages left unseen: larger than a message may be. */
  skipped: number;
  /** Messages left unseen because filing one failed (the database, say): tried again next pass, the others still filed. */
  failed: number;
  /** Mailboxes that could not be read this time (connection, login, folder). */
  failedMailboxes: number;
}

/**
 * Reads the centers' IMAP mailboxes (docs/inbox.md, "How items arrive"): each UNSEEN message is
 * parsed and filed like one the SMTP receiver took, then flagged \Seen. Should the process stop
 * between the two, the next poll files it again and the inbox answers with the first item (its
 * source reference is the Message-ID's digest), so no message is lost and none is filed twice.
 */
export function createImapPoller({ settings, intake, logger }: ImapPollerOptions) {
  async function pollMailbox(mailbox: ImapMailbox, report: PollReport): Promise<void> {
    const client = new ImapFlow({
      host: mailbox.host,
      port: mailbox.port,
      secure: mailbox.tls,
      auth: { user: mailbox.user, pass: mailbox.password },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 120_000,
    });
    // A dropped connection is reported as an event as well as by the pending call; the call's failure is what is logged.
    client.on('error', () => {});
    await client.connect();
    try {
      const lock = await client.getMailboxLock(mailbox.folder);
      try {
        const unseen = (await client.search({ seen: false }, { uid: true })) || [];
        for (const uid of unseen.slice(0, MAX_PER_POLL)) {
          try {
            await fileMessage(client, mailbox.centerId, String(uid), report);
          } catch (error) {
            // A connection that broke fails the mailbox, below; anything else fails this message only.
            if (!client.usable) throw error;
            report.failed++;
            logger.warn(
              { centerId: mailbox.centerId, err: { message: error instanceof Error ? error.message : String(error) } },
              'imap poller: message not filed',
            );
          }
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  async function fileMessage(client: ImapFlow, centerId: number, uid: string, report: PollReport): Promise<void> {
    const sized = await client.fetchOne(uid, { size: true }, { uid: true });
    if (!sized) return;
    if ((sized.size ?? 0) > INBOX_LIMITS.messageBytes) {
      report.skipped++;
      logger.warn({ centerId, size: sized.size }, 'imap poller: message over the size limit left unread in the mailbox');
      return;
    }
    const message = await client.fetchOne(uid, { source: true }, { uid: true });
    if (message === false || !message.source) return;
    const [result] = await intake.receiveMail(message.source, [centerId]);
    if (result?.ok) report.filed++;
    else {
      report.refused++;
      logger.warn({ centerId, code: result?.error }, 'imap poller: the inbox refused a message');
    }
    await client.messageFlagsAdd(uid, ['\\Seen'], { uid: true });
  }

  /** One pass over every configured mailbox; a mailbox that fails is logged and the others are still read. */
  async function runOnce(): Promise<PollReport> {
    const report: PollReport = { filed: 0, refused: 0, skipped: 0, failed: 0, failedMailboxes: 0 };
    for (const mailbox of await settings.mailboxes()) {
      try {
        await pollMailbox(mailbox, report);
      } catch (error) {
        report.failedMailboxes++;
        logger.warn(
          { centerId: mailbox.centerId, err: { message: error instanceof Error ? error.message : String(error) } },
          'imap poller: mailbox not read',
        );
      }
    }
    return report;
  }

  return {
    runOnce,

    /** Polls every `intervalMs` (never two passes at once); the returned function stops it and waits for a pass under way. */
    start(intervalMs: number): () => Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      let running: Promise<unknown> = Promise.resolve();
      let stopped = false;
      const schedule = () => {
        timer = setTimeout(() => {
          running = runOnce()
            .catch((error: unknown) => logger.error({ err: { message: String(error) } }, 'imap poller: pass failed'))
            .finally(() => {
              if (!stopped) schedule();
            });
        }, intervalMs);
        timer.unref();
      };
      schedule();
      return async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
      };
    },
  };
}
