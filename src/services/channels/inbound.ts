import type { Result } from '../result.ts';

/**
 * What every way in hands the inbox: the contract of services.inbox.receive (docs/inbox.md), which
 * checks limits, decides each attachment's type from its bytes, seals and stores. Declared here as
 * the contract says it, so the channels depend on the shape and not on the inbox's code.
 */
export interface InboundMessage {
  centerId: number;
  channel: 'email' | 'fax' | 'voicemail' | 'web' | 'call';
  receivedAt: Date;
  sender: string | null;
  subject: string | null;
  body: string;
  sourceRef: string | null;
  attachments: { name: string | null; bytes: Uint8Array }[];
}

export type Received = Result<{ id: number; duplicate: boolean; dropped: number }>;

export type ReceiveInbound = (message: InboundMessage) => Promise<Received>;
