import type { InboxDeps } from './inbox-deps.ts';

/** Items purged in one run at most; the next hour takes the rest. */
const PURGE_BATCH = 500;

/**
 * Retention (docs/inbox.md): an item past its `purge_after` is deleted, its attachments' files
 * first, then its rows, audited as the system. Declarations entered from it stay: only the link
 * to the item goes. Several servers may run it: each item is deleted by one transaction, and a
 * second run finds it gone.
 */
export function createInboxRetention(deps: InboxDeps) {
  const { db, items, attachments, links, audit, store } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async purgeDue(): Promise<{ items: number; attachments: number }> {
      const at = now();
      const report = { items: 0, attachments: 0 };
      for (const due of await items.duePurge(db, at, PURGE_BATCH)) {
        const stored = await attachments.forItem(db, due.id);
        // Files before rows: a crash between the two leaves rows whose files are gone, which the next run deletes.
        for (const a of stored)
          await store.remove({ centerId: due.centerId, itemId: due.id, position: a.position, storageKey: a.storageKey });
        await db.transaction().execute(async (trx) => {
          await attachments.deleteForItem(trx, due.id);
          await links.deleteForItem(trx, due.id);
          if (!(await items.delete(trx, due.id))) return;
          await audit.append(trx, {
            at,
            actorId: null,
            actor: 'system',
            action: 'inbox.item.purged',
            targetType: 'inbound_item',
            targetId: String(due.id),
            details: { center: due.centerId, attachments: stored.length },
          });
          report.items++;
          report.attachments += stored.length;
        });
      }
      return report;
    },
  };
}
