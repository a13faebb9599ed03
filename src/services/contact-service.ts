import type { Kysely } from 'kysely';
import type { Keys } from '../crypto/keys.ts';
import { open } from '../crypto/seal.ts';
import type { Database } from '../db/schema.ts';
import { normalizeRegistrationNumber } from '../domain/declaration/registration-number.ts';
import { Permission, can, type Actor } from '../domain/staff/permissions.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { DeclarationsRepository } from '../repositories/declarations/index.ts';
import type { RegistrationNumbers } from './registration-numbers.ts';
import { fail, ok, type Result } from './result.ts';
import { staffLabel } from './staff-auth-service.ts';

export interface ContactServiceDeps {
  db: Kysely<Database>;
  declarations: Pick<DeclarationsRepository, 'findSealedContact' | 'purgeContacts'>;
  audit: AuditRepository;
  keys: Keys;
  numbers: Pick<RegistrationNumbers, 'ref'>;
  /** Days a contact is kept after its declaration was decided (config `vault.contactRetentionDays`). */
  retentionDays: number;
  now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PURGE_BATCH = 500;

/**
 * The only way to read a declarant's contact: an explicit reveal, with its
 * own permission, written to the audit log before the address is returned.
 */
export function createContactService({
  db,
  declarations,
  audit,
  keys,
  numbers,
  retentionDays,
  now = () => new Date(),
}: ContactServiceDeps) {
  return {
    /**
     * Erases the contacts of declarations decided more than `retentionDays` ago, in batches of its
     * own transactions (each audited with its count), so a first run on a large registry never
     * holds the write lock long. Returns how many were erased.
     */
    async purgeDue(): Promise<number> {
      const decidedBefore = new Date(now().getTime() - retentionDays * DAY_MS);
      let total = 0;
      for (;;) {
        const purged = await db.transaction().execute(async (trx) => {
          const count = await declarations.purgeContacts(trx, decidedBefore, PURGE_BATCH);
          if (count > 0)
            await audit.append(trx, {
              at: now(),
              actorId: null,
              actor: 'system',
              action: 'contacts.purged',
              targetType: 'declarations',
              targetId: null,
              details: { count, decidedBefore: decidedBefore.toISOString(), retentionDays },
            });
          return count;
        });
        total += purged;
        if (purged < PURGE_BATCH) return total;
      }
    },

    async reveal(actor: Actor, registrationNumberInput: string, reason: string): Promise<Result<string | null>> {
      if (!can(actor, Permission.ContactReveal)) return fail('auth.forbidden');
      const registrationNumber = normalizeRegistrationNumber(registrationNumberInput);
      if (!registrationNumber) return fail('request.notFound');
      return db.transaction().execute(async (trx) => {
        const found = await declarations.findSealedContact(trx, numbers.ref(registrationNumber));
        if (!found) return fail('request.notFound');
        await audit.append(trx, {
          at: now(),
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'contact.revealed',
          targetType: 'declaration',
          targetId: registrationNumber,
          details: { reason: reason.slice(0, 500), hadContact: found.sealed !== null },
        });
        if (found.sealed === null) return ok(null);
        return ok(open(keys.contact, found.sealed, `contact:${registrationNumber}`));
      });
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;
