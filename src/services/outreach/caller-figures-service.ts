import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import type { AttemptsRepository } from '../../repositories/outreach/attempts-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import type { OutreachDeps } from './outreach-deps.ts';

export interface CallerRow {
  /** The campaign's name (the caller's own figures) or the caller's (a center's figures). */
  label: string;
  attempts: number;
  reached: number;
  declared: number;
}

/**
 * Each caller's figures, private to the caller and the admins of their center: a caller sees
 * their own per campaign; a center admin sees every caller of the center, a global admin all.
 */
export function createCallerFiguresService(deps: OutreachDeps & { attempts: Pick<AttemptsRepository, 'figuresByCaller'> }) {
  const { db, campaigns, staff, attempts } = deps;

  return {
    async mine(actor: Actor): Promise<Result<CallerRow[]>> {
      if (!can(actor, Permission.OutreachCall)) return fail('auth.forbidden');
      const rows = await attempts.figuresByCaller(db, { staffId: actor.id, perCampaign: true });
      const names = new Map((await campaigns.list(db, {})).map((campaign) => [campaign.id, campaign.name]));
      return ok(
        rows.map((row) => ({
          label: names.get(row.campaignId ?? 0) ?? '—',
          attempts: row.attempts,
          reached: row.reached,
          declared: row.declared,
        })),
      );
    },

    /** Null for a caller who runs no center: they see only their own. */
    async center(actor: Actor): Promise<Result<CallerRow[] | null>> {
      const all = can(actor, Permission.OutreachManageAll);
      if (!all && !can(actor, Permission.OutreachManageCenter)) return ok(null);
      if (!all && actor.centerId === null) return ok([]);
      const rows = await attempts.figuresByCaller(db, { centerId: all ? null : actor.centerId, perCampaign: false });
      const named: CallerRow[] = [];
      for (const row of rows) {
        const member = await staff.findById(db, row.staffId);
        named.push({ label: member?.name ?? '—', attempts: row.attempts, reached: row.reached, declared: row.declared });
      }
      return ok(named);
    },
  };
}
