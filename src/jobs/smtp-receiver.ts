import type { AddressInfo, Server } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { classifyRecipient, type Recipient } from '../domain/channels/inbox-address.ts';
import type { Logger } from '../logging/logger.ts';
import type { ChannelSettings } from '../services/channels/channel-settings.ts';
import type { ChannelsIntake } from '../services/channels/channels-intake.ts';
import { parseBounce, type ParsedBounce } from '../services/channels/inbound-mail.ts';
import { INBOX_LIMITS } from '../services/inbox/receive.ts';

/**
 * RCPT TO commands of one message, accepted or not: a message to more centers than this is not a
 * center's mail, and a client trying address after address is not let on to learn which exist.
 */
const MAX_RECIPIENTS = 20;

export interface SmtpReceiverOptions {
  host: string;
  port: number;
  /** The inbox domain: only `<local>@<domain>` is accepted. */
  domain: string;
  /** PEM key and certificate: STARTTLS is offered only with them. */
  tls?: { key: Buffer; cert: Buffer } | undefined;
  settings: Pick<ChannelSettings, 'centerForAddress'>;
  intake: Pick<ChannelsIntake, 'receiveMail'>;
  /**
   * Called for mail to `bounces+<token>@<domain>`, the newsletter's return path; without it such
   * recipients are refused like any unknown one. What it answers is not looked at: a bounce for a
   * token nobody knows is accepted all the same, so nothing is sent back (no backscatter).
   */
  onBounce?: ((token: string, bounce: ParsedBounce) => Promise<unknown>) | undefined;
  logger: Logger;
}

export interface SmtpReceiver {
  readonly port: number;
  close(): Promise<void>;
}

type Target = { kind: 'center'; centerId: number } | { kind: 'bounce'; token: string };

class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The registry's MX for the centers' addresses (docs/inbox.md, "How items arrive"). It relays
 * nothing: a recipient that is not a center's address (or the newsletter's return path) is refused
 * at RCPT TO, so nothing is accepted that would have to bounce. Nobody logs in (AUTH is off), a
 * message is at most 25 MB, and the connecting client's address and name are never looked up,
 * logged or stored.
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const { domain, settings, intake, onBounce, logger } = options;
  const targets = new WeakMap<SMTPServerSession, Map<string, Target>>();
  const attempts = new WeakMap<SMTPServerSession, number>();

  async function resolve(recipient: Recipient): Promise<Target | null> {
    if (recipient.kind === 'bounce') return onBounce ? { kind: 'bounce', token: recipient.token } : null;
    if (recipient.kind !== 'center') return null;
    const centerId = await settings.centerForAddress(recipient.local);
    return centerId === null ? null : { kind: 'center', centerId };
  }

  async function onRcptTo(address: SMTPServerAddress, session: SMTPServerSession): Promise<void> {
    const attempt = (attempts.get(session) ?? 0) + 1;
    attempts.set(session, attempt);
    if (attempt > MAX_RECIPIENTS) throw new SmtpReply(452, '4.5.3 Too many recipients');
    const known = targets.get(session) ?? new Map<string, Target>();
    const target = await resolve(classifyRecipient(address.address, domain));
    if (!target) throw new SmtpReply(550, '5.1.1 No such recipient here; this server relays nothing');
    known.set(address.address.toLowerCase(), target);
    targets.set(session, known);
  }

  async function onData(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    // The stream is read to its end (the client is sending it), but nothing past the limit is kept.
    for await (const chunk of stream) if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw new SmtpReply(552, '5.3.4 Message too big');
    const raw = Buffer.concat(chunks);
    // What this message's envelope holds (a RSET may have dropped recipients accepted before it).
    const accepted = targets.get(session);
    const known = session.envelope.rcptTo.flatMap((address) => accepted?.get(address.address.toLowerCase()) ?? []);
    const centerIds = [...new Set(known.flatMap((target) => (target.kind === 'center' ? [target.centerId] : [])))];
    const tokens = [...new Set(known.flatMap((target) => (target.kind === 'bounce' ? [target.token] : [])))];
    if (tokens.length > 0 && onBounce) {
      const bounce = await parseBounce(raw);
      for (const token of tokens) await onBounce(token, bounce);
    }
    if (centerIds.length === 0) return;
    const results = await intake.receiveMail(raw, centerIds);
    if (results.every((result) => !result.ok)) throw new SmtpReply(554, '5.6.0 Message refused: over the inbox limits or unreadable');
  }

  const server = new SMTPServer({
    // Greets as the inbox domain, not the machine's own host name (smtp-server's default).
    name: domain,
    size: INBOX_LIMITS.messageBytes,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    hideSTARTTLS: !options.tls,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 5_000,
    onMailFrom(_address, session, callback) {
      // A new message: its recipients are counted afresh.
      attempts.delete(session);
      callback();
    },
    onRcptTo(address, session, callback) {
      onRcptTo(address, session).then(
        () => callback(),
        (error: unknown) => callback(replyFor(error)),
      );
    },
    onData(stream, session, callback) {
      onData(stream, session).then(
        () => callback(),
        (error: unknown) => callback(replyFor(error)),
      );
    },
  });

  /** An expected refusal as it is; anything else is logged (never with the client) and answered as a temporary failure, so the sender retries. */
  function replyFor(error: unknown): Error {
    if (error instanceof SmtpReply) return error;
    logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'smtp receiver: message not filed');
    return new SmtpReply(451, '4.3.0 Temporary failure, please try again later');
  }

  // Connection errors carry the peer's address in places; only their code is logged.
  server.on('error', (error: NodeJS.ErrnoException) => logger.warn({ code: error.code ?? 'unknown' }, 'smtp receiver: connection error'));

  const listening = await new Promise<Server>((resolve, reject) => {
    const started = server.listen(options.port, options.host, () => resolve(started));
    started.once('error', reject);
  });
  return {
    port: (listening.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
