import type { InboundMessage } from '../../src/services/inbox/inbound-message.ts';
import type { OutgoingMail } from '../../src/mail/mailer.ts';
import { createAuditRepository } from '../../src/repositories/audit-repository.ts';
import { centersRepository } from '../../src/repositories/centers-repository.ts';
import { inboxAttachmentsRepository } from '../../src/repositories/inbox/attachments-repository.ts';
import { inboxItemDeclarationsRepository } from '../../src/repositories/inbox/item-declarations-repository.ts';
import { inboxItemsRepository } from '../../src/repositories/inbox/items-repository.ts';
import { staffRepository } from '../../src/repositories/staff-repository.ts';
import { createAttachmentStore } from '../../src/services/inbox/attachment-store.ts';
import { createInboxService } from '../../src/services/inbox/inbox-service.ts';
import type { TestContext } from './test-context.ts';

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

/** The inbox services on the test's database with a clock the test moves and a mailer that keeps what it sends. */
export function inboxWithClock(ctx: TestContext, retentionDays = 90) {
  let at = new Date('2026-12-07T02:00:00Z');
  const sent: OutgoingMail[] = [];
  let mailDown = false;
  const service = createInboxService({
    db: ctx.services.database.db,
    items: inboxItemsRepository,
    attachments: inboxAttachmentsRepository,
    links: inboxItemDeclarationsRepository,
    centers: centersRepository,
    staff: staffRepository,
    audit: createAuditRepository(ctx.services.keys),
    keys: ctx.services.keys,
    store: createAttachmentStore(ctx.dir, ctx.services.keys.contact),
    mailer: {
      send(mail) {
        if (mailDown) return Promise.reject(new Error('connect ECONNREFUSED'));
        sent.push(mail);
        return Promise.resolve({ messageId: `<${sent.length}@test>` });
      },
    },
    mailFrom: 'registry@example.org',
    logger: { warn: () => undefined },
    publicUrl: 'https://registry.example.org',
    retentionDays,
    timeZone: 'Asia/Shanghai',
    now: () => at,
  });
  return {
    service,
    sent,
    now: () => at,
    /** Makes every send fail, as an unreachable mail server does. */
    setMailDown(down: boolean) {
      mailDown = down;
    },
    advanceHours(hours: number) {
      at = new Date(at.getTime() + hours * 3_600_000);
    },
  };
}

/** The audit entries of one item, oldest first. */
export async function itemAudit(ctx: TestContext, itemId: number): Promise<{ action: string; actor: string; details: string }[]> {
  return ctx.services.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor', 'details'])
    .where('target_type', '=', 'inbound_item')
    .where('target_id', '=', String(itemId))
    .orderBy('id')
    .execute();
}
