import type { Actor } from '../../domain/staff/permissions.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { Executor } from '../../repositories/executor.ts';
import type { InboxItemDeclarationsRepository } from '../../repositories/inbox/item-declarations-repository.ts';
import type { InboxItemsRepository } from '../../repositories/inbox/items-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import { auditEntry, itemFor, mayWork, openText, type InboxDeps } from './inbox-deps.ts';

/** Rows the batch form is prefilled with at most: the form's own first page. */
const DRAFT_ROWS = 25;

/**
 * "Convert to declarations" (docs/inbox.md): batch entry, when it commits a batch entered from an
 * item, links the declarations to it and moves it to converted in the same transaction, as it
 * links a phone-bank call's (outreach_attempt_declarations).
 */
export interface InboxConversion {
  /** The center an open item the actor may work belongs to (its declarations count for it), or null. */
  convertibleCenter(trx: Executor, actor: Actor, itemId: number): Promise<number | null>;
  /** Links the declarations and moves the item to converted; false (nothing done) if it moved meanwhile. */
  convert(trx: Executor, actor: Actor, itemId: number, declarationIds: readonly number[], at: Date): Promise<boolean>;
}

export function createInboxConversion(deps: {
  items: Pick<InboxItemsRepository, 'findById' | 'move'>;
  links: Pick<InboxItemDeclarationsRepository, 'link'>;
  audit: AuditRepository;
}): InboxConversion {
  return {
    async convertibleCenter(trx, actor, itemId) {
      const item = await deps.items.findById(trx, itemId);
      if (!item || !mayWork(actor, item.centerId)) return null;
      return ['new', 'in_progress', 'snoozed'].includes(item.status) ? item.centerId : null;
    },

    async convert(trx, actor, itemId, declarationIds, at) {
      if (!(await deps.items.move(trx, { id: itemId, to: 'converted', at }))) return false;
      await deps.links.link(trx, itemId, declarationIds);
      await deps.audit.append(trx, auditEntry(actor, at, 'inbox.item.converted', itemId, { declarations: declarationIds.length }));
      return true;
    },
  };
}

/** What the batch form starts from: the item's text, and a row per non-empty line with its first word as the name. */
export interface ConversionDraft {
  itemId: number;
  text: string;
  names: string[];
}

export function createConversionDrafts(deps: InboxDeps) {
  return {
    async draft(actor: Actor, id: number): Promise<Result<ConversionDraft>> {
      const found = await itemFor(deps, actor, id);
      if (!found.ok) return found;
      if (!['new', 'in_progress', 'snoozed'].includes(found.value.status)) return fail('inbox.error.notConvertible');
      const text = openText(deps.keys, found.value).body;
      const names = text
        .split(/\r?\n/)
        .map((line) => line.trim().split(/[\s,，、;；:：]+/)[0] ?? '')
        .filter((name) => name !== '')
        .slice(0, DRAFT_ROWS);
      return ok({ itemId: id, text, names });
    },
  };
}
