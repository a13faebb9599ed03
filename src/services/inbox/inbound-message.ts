import type { ItemChannel } from '../../domain/inbox/item-status.ts';

/**
 * One message as every way in hands it to `services.inbox.receive` (docs/inbox.md): the SMTP
 * receiver, the IMAP poller, the voicemail webhook and the contact form. A plain type, no I/O.
 */
export interface InboundMessage {
  centerId: number;
  channel: ItemChannel;
  receivedAt: Date;
  /** Address or E.164 number, as given; sealed and HMAC'd by the service. */
  sender: string | null;
  subject: string | null;
  /** Text, transcript or call note ('' allowed when attachments carry it). */
  body: string;
  /** Message-ID or provider id: a redelivery is not a second item. */
  sourceRef: string | null;
  /** The type is decided from the bytes by the service, never from the name. */
  attachments: { name: string | null; bytes: Uint8Array }[];
}
