import { simpleParser, type ParsedMail } from 'mailparser';
import { dsnStatuses, isPermanentFailure, looksLikeFax, mailSourceRef } from '../../domain/channels/inbound-mail-rules.ts';
import { INBOX_LIMITS } from '../inbox/receive.ts';

/**
 * A received message as the inbox takes it, parsed once for the SMTP receiver and the IMAP poller
 * alike (docs/inbox.md, "How items arrive"): the text body, or the HTML turned into text (HTML is
 * never kept), the attachments' bytes, and whether it is a fax.
 */
export interface ParsedInboundMail {
  channel: 'email' | 'fax';
  sender: string | null;
  subject: string | null;
  body: string;
  sourceRef: string;
  attachments: { name: string | null; bytes: Uint8Array }[];
}

/** A bounce of a newsletter mail: whether it reports a permanent failure (a 5.x.x status), and the parsed report. */
export interface ParsedBounce {
  permanent: boolean;
  statuses: string[];
  mail: ParsedMail;
}

/**
 * Text cut to what the inbox keeps, never inside a surrogate pair: a mail with an endless subject or
 * body is still filed (its beginning is what a volunteer needs), rather than bounced.
 */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, end);
}

async function parse(raw: Buffer): Promise<ParsedMail> {
  // No HTML version of a text body, no links to images: only the text and the attachments are used.
  return simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
}

export async function parseInboundMail(raw: Buffer, faxSenderDomains: readonly string[]): Promise<ParsedInboundMail> {
  const mail = await parse(raw);
  const address = mail.from?.value[0]?.address?.trim() || null;
  // Longer than any address can be: not one to reply to.
  const sender = address !== null && address.length <= INBOX_LIMITS.senderChars ? address : null;
  const at = sender?.lastIndexOf('@') ?? -1;
  const senderDomain = sender !== null && at > 0 ? sender.slice(at + 1) : null;
  const body = clip((mail.text ?? '').replace(/\r\n?/g, '\n').trim(), INBOX_LIMITS.bodyChars);
  const attachments = mail.attachments
    .filter((attachment) => attachment.content.length > 0)
    .map((attachment) => ({ name: attachment.filename ?? null, bytes: new Uint8Array(attachment.content) }));
  const fax = looksLikeFax(
    {
      senderDomain,
      text: body,
      attachments: attachments.map((a) => a.bytes),
    },
    faxSenderDomains,
  );
  return {
    channel: fax ? 'fax' : 'email',
    sender,
    subject: clip(mail.subject?.trim() ?? '', INBOX_LIMITS.subjectChars) || null,
    body,
    sourceRef: mailSourceRef(mail.messageId, raw),
    attachments,
  };
}

/** Reads a delivery status notification: the `Status:` fields of its report part, else of its text. */
export async function parseBounce(raw: Buffer): Promise<ParsedBounce> {
  const mail = await parse(raw);
  const report = mail.attachments
    .filter((attachment) => /^message\/(global-)?delivery-status$/i.test(attachment.contentType))
    .map((attachment) => attachment.content.toString('utf8'))
    .join('\n');
  const statuses = dsnStatuses(report || (mail.text ?? ''));
  return { permanent: isPermanentFailure(statuses), statuses, mail };
}
