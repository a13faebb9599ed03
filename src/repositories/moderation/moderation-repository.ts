import { editQueries } from './edit-queries.ts';
import { queueQueries } from './queue-queries.ts';
import { rejectReasonQueries } from './reject-reason-queries.ts';
import { selectionQueries } from './selection-queries.ts';
import { signalQueries } from './signal-queries.ts';

/** The SQL of the moderation console; status changes themselves go through declarationsRepository. */
export const moderationRepository = {
  ...queueQueries,
  ...signalQueries,
  ...editQueries,
  ...selectionQueries,
  ...rejectReasonQueries,
};

export type ModerationRepository = typeof moderationRepository;
