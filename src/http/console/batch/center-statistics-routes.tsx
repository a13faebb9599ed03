import { Permission, can } from '../../../domain/staff/permissions.ts';
import type { BatchEntryService } from '../../../services/batch/batch-entry-service.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { CenterTalliesPage } from './views/center-tallies.tsx';

/** The center's statistics: what each of its staff entered, this month and in all. */
export function centerStatisticsRoutes(
  router: ConsoleRouter,
  batchEntry: Pick<BatchEntryService, 'centerTallies'>,
  timeZone: string,
): void {
  consoleRoute(router, 'GET', '/console/stats/center', async (c) => {
    const actor = c.get('staffSession').actor;
    const result = await batchEntry.centerTallies(actor, new Date(), timeZone);
    if (!result.ok) return consoleError(c, result.error === 'auth.forbidden' ? 403 : 500, result.error);
    const everyCenter = can(actor, Permission.StaffManageAll);
    return consolePage(c, <CenterTalliesPage page={consoleProps(c)} rows={result.value} everyCenter={everyCenter} timeZone={timeZone} />);
  });
}
