import { createHash } from 'node:crypto';

/**
 * Rules about received mail that need no I/O: what makes a message a fax, whether a delivery status
 * notification reports a permanent failure, and the reference that makes a redelivery the same item.
 */

/** PDF and TIFF (either byte order), by their first bytes: what fax-to-email gateways send. */
export function isFaxDocument(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 5));
  return (
    head.toString('latin1') === '%PDF-' ||
    (head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0x00) ||
    (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0x00 && head[3] === 0x2a)
  );
}

/**
 * A fax: mail from one of the operator's fax gateways, or mail whose only content is PDF or TIFF
 * pages (no text beyond whitespace), which is what a gateway that is not listed sends.
 */
export function looksLikeFax(
  mail: { senderDomain: string | null; text: string; attachments: readonly Uint8Array[] },
  faxDomains: readonly string[],
): boolean {
  const domain = mail.senderDomain?.toLowerCase() ?? null;
  if (domain !== null && faxDomains.some((fax) => domain === fax || domain.endsWith(`.${fax}`))) return true;
  return mail.text.trim() === '' && mail.attachments.length > 0 && mail.attachments.every(isFaxDocument);
}

/**
 * The status codes a delivery status notification reports (RFC 3464 `Status:` fields, RFC 3463 codes);
 * a bounce is permanent when one of them is 5.x.x.
 */
export function dsnStatuses(report: string): string[] {
  return [...report.matchAll(/^Status:\s*([245]\.\d{1,3}\.\d{1,3})\b/gim)].map((match) => match[1]!);
}

export function isPermanentFailure(statuses: readonly string[]): boolean {
  return statuses.some((status) => status.startsWith('5.'));
}

/**
 * The source reference of a message: a digest of its Message-ID (a redelivery, or the same message
 * fetched again by the poller, carries the same one), or of its bytes when it has none. A digest,
 * so the reference tells nothing of the sender's domain.
 */
export function mailSourceRef(messageId: string | null | undefined, raw: Uint8Array): string {
  const id = messageId?.trim();
  if (id) return `mid:${createHash('sha256').update(id.toLowerCase()).digest('base64url')}`;
  return `raw:${createHash('sha256').update(raw).digest('base64url')}`;
}
