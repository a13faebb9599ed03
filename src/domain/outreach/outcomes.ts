import { z } from 'zod';

/** What a call ended with (after ThruTalk's and VAN's outcome codes); script answers are kept apart. */
export const OUTCOMES = [
  'noAnswer',
  'busy',
  'voicemail',
  'wrongNumber',
  'disconnected',
  'refused',
  'hostile',
  'languageBarrier',
  'alreadyDeclared',
  'wantsMaterials',
  'callbackRequested',
  'declared',
  'doNotCall',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes of a call the person it was meant for answered: the campaign's "reached". */
export const REACHED_OUTCOMES: readonly Outcome[] = [
  'refused',
  'hostile',
  'languageBarrier',
  'alreadyDeclared',
  'wantsMaterials',
  'callbackRequested',
  'declared',
  'doNotCall',
];

export type Consequence =
  | { kind: 'retry'; afterHours: number; maxAttempts: number }
  | { kind: 'close' }
  | { kind: 'suppress' }
  | { kind: 'callback'; for: 'me' | 'center' };

const consequenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('retry'),
    afterHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    maxAttempts: z.number().int().min(1).max(20),
  }),
  z.object({ kind: z.literal('close') }),
  z.object({ kind: z.literal('suppress') }),
  z.object({ kind: z.literal('callback'), for: z.enum(['me', 'center']) }),
]);

export const DEFAULT_CONSEQUENCES: Readonly<Record<Outcome, Consequence>> = {
  noAnswer: { kind: 'retry', afterHours: 4, maxAttempts: 5 },
  busy: { kind: 'retry', afterHours: 1, maxAttempts: 5 },
  voicemail: { kind: 'retry', afterHours: 24, maxAttempts: 3 },
  wrongNumber: { kind: 'close' },
  disconnected: { kind: 'close' },
  refused: { kind: 'close' },
  hostile: { kind: 'suppress' },
  languageBarrier: { kind: 'close' },
  alreadyDeclared: { kind: 'close' },
  wantsMaterials: { kind: 'close' },
  callbackRequested: { kind: 'callback', for: 'me' },
  declared: { kind: 'close' },
  doNotCall: { kind: 'suppress' },
};

/**
 * Outcomes whose consequence a campaign cannot change: a declaration ends the calls, a request not
 * to be called is always honoured, and a requested callback is always scheduled (only for whom).
 */
const FIXED_KINDS: Partial<Record<Outcome, Consequence['kind']>> = {
  declared: 'close',
  doNotCall: 'suppress',
  callbackRequested: 'callback',
};

/** A campaign's changes to the defaults, as stored (JSON) and as an admin edits them. */
export const consequenceOverridesSchema = z.partialRecord(z.enum(OUTCOMES), consequenceSchema).superRefine((overrides, ctx) => {
  for (const [outcome, consequence] of Object.entries(overrides)) {
    const fixed = FIXED_KINDS[outcome as Outcome];
    if (fixed && consequence?.kind !== fixed) ctx.addIssue({ code: 'custom', path: [outcome], message: 'outreach.consequenceFixed' });
  }
});
export type ConsequenceOverrides = z.infer<typeof consequenceOverridesSchema>;

/** The kind an outcome's consequence must have, for the outcomes a campaign cannot change; null for the rest. */
export function fixedKind(outcome: Outcome): Consequence['kind'] | null {
  return FIXED_KINDS[outcome] ?? null;
}

/** The consequence an outcome has in a campaign: its change to the default, or the default. */
export function consequenceOf(outcome: Outcome, overrides: ConsequenceOverrides): Consequence {
  return overrides[outcome] ?? DEFAULT_CONSEQUENCES[outcome];
}

/** What an outcome does to its contact: the status it moves to and when it is due again. */
export interface ContactChange {
  status: 'open' | 'callback' | 'closed' | 'suppressed';
  nextAttemptAt: Date | null;
  /** Whose callback it is: the caller's, or anyone's at the center (null). */
  callbackFor: number | null;
  /** The number goes on the do-not-call list too. */
  doNotCall: boolean;
}

/**
 * The consequence applied to one attempt. `attempts` counts this one; a retry past the campaign's
 * limit closes the contact. A callback needs its time, checked by the caller.
 */
export function applyOutcome(
  outcome: Outcome,
  overrides: ConsequenceOverrides,
  at: { now: Date; attempts: number; caller: number; callbackAt: Date | null },
): ContactChange {
  const consequence = consequenceOf(outcome, overrides);
  const doNotCall = outcome === 'doNotCall';
  switch (consequence.kind) {
    case 'retry':
      return at.attempts >= consequence.maxAttempts
        ? { status: 'closed', nextAttemptAt: null, callbackFor: null, doNotCall }
        : { status: 'open', nextAttemptAt: new Date(at.now.getTime() + consequence.afterHours * 3_600_000), callbackFor: null, doNotCall };
    case 'close':
      return { status: 'closed', nextAttemptAt: null, callbackFor: null, doNotCall };
    case 'suppress':
      return { status: 'suppressed', nextAttemptAt: null, callbackFor: null, doNotCall };
    case 'callback':
      return {
        status: 'callback',
        nextAttemptAt: at.callbackAt ?? at.now,
        callbackFor: consequence.for === 'me' ? at.caller : null,
        doNotCall,
      };
  }
}
