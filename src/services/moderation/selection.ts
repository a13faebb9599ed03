import { isCalendarDay } from '../../domain/counter/day-range.ts';
import type { Locale } from '../../i18n/index.ts';
import { can, Permission, type Actor } from '../../domain/staff/permissions.ts';
import type { PublishedDeclaration } from '../declaration-service.ts';
import { fail, ok, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';
import type { ModerationKit } from './kit.ts';

/** What a newspaper export covers: the editors' selection, or every statement published that day. */
export const EXPORT_SCOPES = ['featured', 'day'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

/** What an export holds of a statement: public fields only, what a permalink shows. */
export type SelectionItem = PublishedDeclaration;

interface FeatureOutcome {
  registrationNumber: string;
  featuredOn: string | null;
  changed: boolean;
}

/** The daily selection: featuring published declarations, and the newspaper's export of a day. */
export function selectionOperations({ db, moderation, declarations, audit, now, inTransaction, auditDeclaration, findOne }: ModerationKit) {
  return {
    /** Puts a published declaration in a day's selection, or takes it out of that day's. */
    async feature(actor: Actor, registrationNumber: string, day: string, featured: boolean): Promise<Result<FeatureOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      if (typeof day !== 'string' || !isCalendarDay(day) || typeof featured !== 'boolean') return fail('request.invalid');
      return inTransaction(async (trx) => {
        const target = await findOne(trx, registrationNumber);
        if (!target) return fail('request.notFound');
        const unchanged = { registrationNumber: target.registrationNumber, featuredOn: target.featuredOn, changed: false };
        if (featured) {
          if (target.status !== 'published') return fail('request.invalid');
          if (target.featuredOn === day) return ok(unchanged);
        } else if (target.featuredOn !== day) {
          return ok(unchanged);
        }
        if (!(await declarations.setFeaturedOn(trx, target.id, { day, featured }))) return fail('request.invalid');
        const at = now();
        await auditDeclaration(
          trx,
          actor,
          at,
          featured ? 'declaration.featured' : 'declaration.unfeatured',
          target.registrationNumber,
          featured ? { day, previous: target.featuredOn } : { day },
        );
        return ok({ registrationNumber: target.registrationNumber, featuredOn: featured ? day : null, changed: true });
      });
    },

    /** The published declarations featured on a day: public fields only. */
    async dailySelection(actor: Actor, day: string): Promise<Result<SelectionItem[]>> {
      if (!can(actor, Permission.SelectionExport)) return fail('auth.forbidden');
      if (typeof day !== 'string' || !isCalendarDay(day)) return fail('request.invalid');
      return ok(await moderation.featured(db, day));
    },

    /**
     * For a file that leaves the system, and so audited: the day's selection ('featured') or
     * every statement published that day in the counting time zone ('day').
     */
    async exportSelection(
      actor: Actor,
      day: string,
      format: 'md' | 'html' | 'csv',
      options: { scope?: ExportScope; language?: Locale } = {},
    ): Promise<Result<SelectionItem[]>> {
      if (!can(actor, Permission.SelectionExport)) return fail('auth.forbidden');
      if (typeof day !== 'string' || !isCalendarDay(day)) return fail('request.dayInvalid');
      const scope = options.scope ?? 'featured';
      if (!EXPORT_SCOPES.includes(scope)) return fail('request.invalid');
      return db.transaction().execute(async (trx) => {
        const items = scope === 'featured' ? await moderation.featured(trx, day) : await moderation.publishedOn(trx, day);
        await audit.append(trx, {
          at: now(),
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'selection.exported',
          targetType: 'selection',
          targetId: day,
          details: { format, scope, ...(options.language ? { language: options.language } : {}), items: items.length },
        });
        return ok(items);
      });
    },
  };
}
