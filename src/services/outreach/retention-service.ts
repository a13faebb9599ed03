import { addDays, countingDay } from '../../domain/counter/counting-day.ts';
import type { OutreachDeps } from './outreach-deps.ts';

export interface PurgeReport {
  campaigns: number;
  contacts: number;
}

/**
 * Retention (docs/outreach.md): `retention_days` after a campaign's last day, counted in the
 * callee's zone it names, its numbers and everything that identifies its contacts are erased.
 * What remains are the figures (statuses, attempts, outcomes) and the do-not-call list's HMACs.
 */
export function createRetentionService(deps: OutreachDeps) {
  const { db, campaigns, contacts, imports, audit } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async purgeDue(): Promise<PurgeReport> {
      const at = now();
      const report: PurgeReport = { campaigns: 0, contacts: 0 };
      for (const campaign of await campaigns.unpurged(db)) {
        const lastKeptDay = addDays(campaign.endsOn, campaign.retentionDays);
        if (countingDay(at, campaign.timeZone) <= lastKeptDay) continue;
        await db.transaction().execute(async (trx) => {
          if (!(await campaigns.markPurged(trx, campaign.id, at))) return;
          for (const staged of await imports.stagedFor(trx, campaign.id)) await imports.finish(trx, staged, 'discarded', at);
          const purged = await contacts.purgeCampaign(trx, campaign.id, at);
          await audit.append(trx, {
            at,
            actorId: null,
            actor: 'system',
            action: 'outreach.campaign.purged',
            targetType: 'campaign',
            targetId: String(campaign.id),
            details: { contacts: purged, endsOn: campaign.endsOn, retentionDays: campaign.retentionDays },
          });
          report.campaigns++;
          report.contacts += purged;
        });
      }
      return report;
    },
  };
}
