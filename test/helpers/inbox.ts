import type { InboundMessage } from '../../src/services/inbox/inbound-message.ts';

/** The smallest PDF file-type recognises, and a PNG: enough bytes for the type to be found from them. */
export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let refs = 0;

/** An email to `centerId`'s inbox, with whatever the test changes. */
export function emailTo(centerId: number, overrides: Partial<InboundMessage> = {}): InboundMessage {
  refs += 1;
  return {
    centerId,
    channel: 'email',
    receivedAt: new Date('2026-12-07T01:30:00Z'),
    sender: 'Zhang.San@Example.org',
    subject: '三退声明',
    body: '张三 退党\n李四 退团',
    sourceRef: `<message-${refs}-${Math.random().toString(36).slice(2)}@example.org>`,
    attachments: [],
    ...overrides,
  };
}
