import type { CentersService } from '../../../services/centers-service.ts';
import type { ContactService } from '../../../services/contact-service.ts';
import type { ModerationService } from '../../../services/moderation/moderation-service.ts';
import type { ConsoleRouter } from '../console-kit.tsx';
import { detailPageOf } from './detail-page.tsx';
import { detailRoutes } from './detail-routes.tsx';
import { queueRoutes } from './queue-routes.tsx';
import { reasonsRoutes } from './reasons-routes.tsx';
import { selectionRoutes } from './selection-routes.tsx';

/** The moderation console: the queue, one declaration, the reject reasons, the daily selection. */
export function moderationRoutes(
  router: ConsoleRouter,
  moderation: ModerationService,
  contacts: ContactService,
  centers: Pick<CentersService, 'choices'>,
  timeZone: string,
) {
  const detailPage = detailPageOf(moderation, timeZone);
  queueRoutes(router, moderation, centers, timeZone, detailPage);
  detailRoutes(router, moderation, contacts, detailPage);
  reasonsRoutes(router, moderation);
  selectionRoutes(router, moderation, timeZone);
}
