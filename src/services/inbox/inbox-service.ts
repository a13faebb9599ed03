import { createConversionDrafts } from './conversion.ts';
import type { InboxDeps } from './inbox-deps.ts';
import { createInboxMoves } from './moves.ts';
import { createInboxQueries } from './queries.ts';
import { createReceive } from './receive.ts';
import { createInboxRetention } from './retention.ts';

/** The intake inbox (docs/inbox.md): receiving messages from every channel, and the console's work on them. */
export function createInboxService(deps: InboxDeps) {
  const receiving = createReceive(deps);
  return {
    receive: receiving.receive,
    ...createInboxQueries(deps),
    ...createInboxMoves(deps, receiving),
    ...createConversionDrafts(deps),
    retention: createInboxRetention(deps),
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
