import { decisionOperations } from './decisions.ts';
import { duplicateOperations } from './duplicates.ts';
import { moderationKit, type ModerationServiceDeps } from './kit.ts';
import { queueOperations } from './queue.ts';
import { reasonOperations } from './reasons.ts';
import { redactionOperations } from './redaction.ts';
import { selectionOperations } from './selection.ts';

/**
 * What editors do with declarations, from the console and (as the system actor) from the CLI: one
 * path for each decision, whoever takes it. Each concern is a file of its own in this folder.
 */
export function createModerationService(deps: ModerationServiceDeps) {
  const kit = moderationKit(deps);
  return {
    ...queueOperations(kit),
    ...reasonOperations(kit),
    ...decisionOperations(kit),
    ...redactionOperations(kit),
    ...duplicateOperations(kit),
    ...selectionOperations(kit),
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
