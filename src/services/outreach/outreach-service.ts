import type { AttemptsRepository } from '../../repositories/outreach/attempts-repository.ts';
import type { LeaderboardRepository } from '../../repositories/outreach/leaderboard-repository.ts';
import { createCallbacksService } from './callbacks-service.ts';
import { createCallerFiguresService } from './caller-figures-service.ts';
import { createCallsService } from './calls-service.ts';
import { createCampaignsService } from './campaigns-service.ts';
import { createDoNotCallService } from './do-not-call-service.ts';
import { createImportService } from './import-service.ts';
import { createLeasesService } from './leases-service.ts';
import { createRetentionService } from './retention-service.ts';
import type { TelephonyAdapter } from './telephony.ts';
import type { OutreachDeps } from './outreach-deps.ts';

/** Phone-bank campaigns (docs/outreach.md): campaigns and scripts, imports, leases, the do-not-call list, calls. */
export function createOutreachService(
  deps: OutreachDeps & { attempts: AttemptsRepository; leaderboard: LeaderboardRepository; telephony: TelephonyAdapter },
) {
  return {
    campaigns: createCampaignsService(deps),
    imports: createImportService(deps),
    leases: createLeasesService(deps),
    doNotCall: createDoNotCallService(deps),
    calls: createCallsService(deps),
    callbacks: createCallbacksService(deps),
    callerFigures: createCallerFiguresService(deps),
    retention: createRetentionService(deps),
  };
}

export type OutreachService = ReturnType<typeof createOutreachService>;
