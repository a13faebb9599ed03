/**
 * How a revealed number is dialled (docs/outreach.md, "Telephony"). The calling screen asks the
 * adapter and shows what it answers; a click-to-call provider would be another adapter, and
 * nothing else in the outreach services knows how a call is placed.
 */
export interface TelephonyAdapter {
  readonly name: string;
  /** What the screen offers for a number: here a link the volunteer's own phone dials. */
  dial(e164: string): { href: string };
}

/** The volunteer dials: the number becomes a tel: link, and no third party learns of the call. */
export const manualTelephony: TelephonyAdapter = {
  name: 'manual',
  dial: (e164) => ({ href: `tel:${e164}` }),
};
