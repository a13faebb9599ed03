import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import type { AttemptsRepository, CallerFigures } from '../../repositories/outreach/attempts-repository.ts';
import type { LeaderboardRepository } from '../../repositories/outreach/leaderboard-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import { auditEntry, type OutreachDeps } from './outreach-deps.ts';

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
export function createCallerFiguresService(
  deps: OutreachDeps & { attempts: Pick<AttemptsRepository, 'figuresByCaller'>; leaderboard: LeaderboardRepository },
) {
  const { db, campaigns, staff, attempts, leaderboard, audit } = deps;
  const now = deps.now ?? (() => new Date());

  async function named(rows: readonly CallerFigures[]): Promise<CallerRow[]> {
    const result: CallerRow[] = [];
    for (const row of rows) {
      const member = await staff.findById(db, row.staffId);
      result.push({ label: member?.name ?? '—', attempts: row.attempts, reached: row.reached, declared: row.declared });
    }
    return result;
  }

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
      return ok(await named(await attempts.figuresByCaller(db, { centerId: all ? null : actor.centerId, perCampaign: false })));
    },

    /**
     * The center's leaderboard: only members who chose to appear, most declarations first. Every
     * caller of the center sees it; whether the actor is on it is returned beside it.
     */
    async leaderboard(actor: Actor): Promise<Result<{ rows: CallerRow[]; onIt: boolean }>> {
      if (!can(actor, Permission.OutreachCall)) return fail('auth.forbidden');
      if (actor.centerId === null) return ok({ rows: [], onIt: false });
      const rows = await attempts.figuresByCaller(db, { centerId: actor.centerId, perCampaign: false });
      const shown = await leaderboard.optedIn(db, [...rows.map((row) => row.staffId), actor.id]);
      const ranked = rows
        .filter((row) => shown.has(row.staffId))
        .sort((a, b) => b.declared - a.declared || b.reached - a.reached || b.attempts - a.attempts);
      return ok({ rows: await named(ranked), onIt: shown.has(actor.id) });
    },

    async setLeaderboard(actor: Actor, on: boolean): Promise<Result<void>> {
      if (!can(actor, Permission.OutreachCall)) return fail('auth.forbidden');
      const at = now();
      return db.transaction().execute(async (trx) => {
        await leaderboard.set(trx, actor.id, on, at);
        await audit.append(trx, auditEntry(actor, at, on ? 'outreach.leaderboard.joined' : 'outreach.leaderboard.left', null, {}));
        return ok(undefined);
      });
    },
  };
}
