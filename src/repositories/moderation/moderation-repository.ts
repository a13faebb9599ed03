import { queueQueries } from './queue-queries.ts';
import { rejectReasonQueries } from './reject-reason-queries.ts';
import { selectionQueries } from './selection-queries.ts';
import { signalQueries } from './signal-queries.ts';

/** The SQL the moderation console reads with; every write of a declaration goes through declarationsRepository. */
export const moderationRepository = {
  ...queueQueries,
  ...signalQueries,
  ...selectionQueries,
  ...rejectReasonQueries,
};

export type ModerationRepository = typeof moderationRepository;
