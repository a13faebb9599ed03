/**
 * The kill switches (docs/security.md, "Kill switches"): each turns one public feature off for
 * everyone, at once, without losing anything stored. Off, the feature answers 503 with a page that
 * says so in the reader's language.
 */
export const SWITCHES = ['submissions', 'support', 'search', 'statistics'] as const;
export type SwitchName = (typeof SWITCHES)[number];

export const isSwitchName = (value: string): value is SwitchName => (SWITCHES as readonly string[]).includes(value);

/** A switch's state as given on the command line or in the console form. */
export function parseSwitchState(value: string): boolean | null {
  if (value === 'on') return true;
  if (value === 'off') return false;
  return null;
}
