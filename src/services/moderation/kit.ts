import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { normalizeRegistrationNumber } from '../../domain/declaration/registration-number.ts';
import { DEFAULT_LOCALE, isLocale, type ErrorCode } from '../../i18n/index.ts';
import { isSystemActor, type Actor } from '../../domain/staff/permissions.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { DeclarationsRepository } from '../../repositories/declarations/index.ts';
import type { Executor } from '../../repositories/executor.ts';
import type { ModerationRepository } from '../../repositories/moderation/moderation-repository.ts';
import type { ModerationTarget } from '../../repositories/moderation/queue-queries.ts';
import type { RejectReasonRecord } from '../../repositories/moderation/reject-reason-queries.ts';
import type { PublicChanges } from '../fast-lane/public-changes.ts';
import type { RegistrationNumbers } from '../registration-numbers.ts';
import { fail, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';

export interface ModerationServiceDeps {
  db: Kysely<Database>;
  moderation: ModerationRepository;
  declarations: DeclarationsRepository;
  audit: AuditRepository;
  /** The counting time zone (TUIDANG_TIMEZONE). */
  timeZone: string;
  publicChanges: PublicChanges;
  numbers: Pick<RegistrationNumbers, 'ref'>;
  now?: () => Date;
}

/** Thrown inside a transaction to roll it back and answer with an expected failure. */
export class Abort extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

/** A managed reason in the language the declarant declared in. */
export function labelFor(reason: RejectReasonRecord, locale: string): string {
  return reason.labels[isLocale(locale) ? locale : DEFAULT_LOCALE];
}

/** What every part of the moderation service shares: its dependencies and the few steps they all take. */
export function moderationKit(deps: ModerationServiceDeps) {
  const { db, moderation, audit, publicChanges, numbers } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    ...deps,
    now,

    /** After the commit: pages kept prepared for these declarations are out of date. */
    changedInPublic<T extends { registrationNumber: string }>(result: Result<T>): Result<T> {
      if (result.ok) publicChanges.declarationsChanged([result.value.registrationNumber]);
      return result;
    },

    async inTransaction<T>(work: (trx: Executor) => Promise<Result<T>>): Promise<Result<T>> {
      try {
        return await db.transaction().execute(work);
      } catch (error) {
        if (error instanceof Abort) return fail(error.code);
        throw error;
      }
    },

    auditDeclaration(trx: Executor, actor: Actor, at: Date, action: string, registrationNumber: string, details: Record<string, unknown>) {
      return audit.append(trx, {
        at,
        actorId: isSystemActor(actor) ? null : actor.id,
        actor: staffLabel(actor),
        action,
        targetType: 'declaration',
        targetId: registrationNumber,
        details,
      });
    },

    async findOne(trx: Executor, input: string): Promise<ModerationTarget | null> {
      const number = typeof input === 'string' ? normalizeRegistrationNumber(input) : null;
      return number === null ? null : moderation.findTarget(trx, numbers.ref(number));
    },
  };
}

export type ModerationKit = ReturnType<typeof moderationKit>;
