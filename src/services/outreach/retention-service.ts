import { addDays, countingDay } from '../../domain/counter/counting-day.ts';
import type { OutreachDeps } from './outreach-deps.ts';

export interface PurgeReport {
  campaigns: number;
  contacts: number;
  /** Previews left unconfirmed past STAGED_IMPORT_HOURS, whose numbers were deleted. */
  imports: number;
}

/** An import's preview is confirmed or cancelled within minutes; one left a day holds numbers for nothing. */
const STAGED_IMPORT_HOURS = 24;

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
      const report: PurgeReport = { campaigns: 0, contacts: 0, imports: 0 };
      for (const staged of await imports.stagedBefore(db, new Date(at.getTime() - STAGED_IMPORT_HOURS * 3_600_000))) {
        await db.transaction().execute(async (trx) => {
          if (!(await imports.finish(trx, staged.id, 'discarded', at))) return;
          const deleted = await contacts.deleteStaged(trx, staged.id);
          await audit.append(trx, {
            at,
            actorId: null,
            actor: 'system',
            action: 'outreach.import.discarded',
            targetType: 'campaign',
            targetId: String(staged.campaignId),
            details: { importId: staged.id, contacts: deleted, expired: true },
          });
          report.imports++;
        });
      }
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
