import type { InboxDeps } from './inbox-deps.ts';
import { createReceive } from './receive.ts';

/** The intake inbox (docs/inbox.md): receiving messages from every channel, and the console's work on them. */
export function createInboxService(deps: InboxDeps) {
  const { receive } = createReceive(deps);
  return { receive };
}

export type InboxService = ReturnType<typeof createInboxService>;
