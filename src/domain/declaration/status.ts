import type { DeclarationStatus } from '../../db/schema.ts';

export type { DeclarationStatus };

/** Which states each action may start from; anything else is refused, never forced. */
export const TRANSITIONS = {
  publish: ['pending'],
  reject: ['pending'],
  retract: ['pending', 'published', 'rejected'],
} as const satisfies Record<string, readonly DeclarationStatus[]>;

export type StatusAction = keyof typeof TRANSITIONS;

export const STATUS_AFTER: Record<StatusAction, DeclarationStatus> = {
  publish: 'published',
  reject: 'rejected',
  retract: 'retracted',
};

export function canApply(action: StatusAction, status: DeclarationStatus): boolean {
  return (TRANSITIONS[action] as readonly DeclarationStatus[]).includes(status);
}
