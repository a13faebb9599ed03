/** Where a declaration stands; only `published` counts. */
export type DeclarationStatus = 'pending' | 'published' | 'rejected' | 'retracted';

/** What the history of a declaration records. */
export type DeclarationEventKind = 'submitted' | 'published' | 'rejected' | 'retracted';

/**
 * How a declaration entered: by the public with a proof of work solved by its browser or client,
 * by the public without one (`unproven`: a form without JavaScript, an API call without a solution,
 * held to stricter limits; docs/security.md, "Flooding"), by a volunteer for review, published by a
 * trusted volunteer, or imported, published, from the previous site's archive (docs/history.md).
 */
export type Admission = 'public' | 'unproven' | 'volunteer' | 'trusted' | 'imported';

/** Which states each action may start from; anything else is refused, never forced. */
export const TRANSITIONS = {
  publish: ['pending'],
  reject: ['pending'],
  /**
   * An editor takes a published declaration back off the public record. It
   * ends as a rejection with a reason, which the declarant reads through the
   * receipt; its people come off the day they were counted on.
   */
  unpublish: ['published'],
  /** A duplicate never counts: whether it waits for review or is already published, it is rejected and linked to its original. */
  markDuplicate: ['pending', 'published'],
  retract: ['pending', 'published', 'rejected'],
} as const satisfies Record<string, readonly DeclarationStatus[]>;

export type StatusAction = keyof typeof TRANSITIONS;

export const STATUS_AFTER: Record<StatusAction, DeclarationStatus> = {
  publish: 'published',
  reject: 'rejected',
  unpublish: 'rejected',
  markDuplicate: 'rejected',
  retract: 'retracted',
};
