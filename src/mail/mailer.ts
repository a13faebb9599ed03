import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';

/** One message the registry sends: to staff, to a sender of the inbox, to a subscriber. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The visible sender; the configured address when absent (a center's address for inbox replies). */
  from?: string;
  replyTo?: string;
  /** The envelope's return path, where bounces go; the From address when absent. */
  returnPath?: string;
  /** Extra headers such as List-Unsubscribe; never anything about the recipient's device. */
  headers?: Readonly<Record<string, string>>;
}

/** Sends mail. The only path by which the registry sends any. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * SMTP when `smtpUrl` is set (production: `smtps://user:pass@host` or `smtp://host:587`); otherwise
 * each message is written as an `.eml` file under `<dataDir>/mail/`, so development and tests send
 * nothing and can read what would have gone out.
 */
export function createMailer(options: { smtpUrl: string | undefined; from: string; dataDir: string }): Mailer {
  const transport: Transporter = options.smtpUrl
    ? createTransport(options.smtpUrl)
    : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const outbox = options.smtpUrl ? null : join(options.dataDir, 'mail');
  let written = 0;
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from ?? options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        replyTo: mail.replyTo,
        headers: mail.headers,
        envelope: { from: mail.returnPath ?? mail.from ?? options.from, to: mail.to },
      });
      if (outbox) {
        mkdirSync(outbox, { recursive: true, mode: 0o700 });
        written += 1;
        // Time first so a directory listing reads in the order sent; the counter keeps two in one millisecond apart.
        const name = `${Date.now()}-${process.pid}-${String(written).padStart(6, '0')}.eml`;
        writeFileSync(join(outbox, name), (info as unknown as { message: Buffer }).message, { mode: 0o600 });
      }
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}
