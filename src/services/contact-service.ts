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
  declarations: Pick<DeclarationsRepository, 'findSealedContact'>;
  audit: AuditRepository;
  keys: Keys;
  numbers: Pick<RegistrationNumbers, 'ref'>;
  now?: () => Date;
}

/**
 * The only way to read a declarant's contact: an explicit reveal, with its
 * own permission, written to the audit log before the address is returned.
 */
export function createContactService({ db, declarations, audit, keys, numbers, now = () => new Date() }: ContactServiceDeps) {
  return {
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
