import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone numbers as E.164, through libphonenumber-js with its full metadata ("max"; its cost is in
 * docs/performance.md), so a number is checked against the real numbering
 * plan of its country, not only its length. Most lists hold mainland numbers written without a
 * country code, so a number without one is read as Chinese; 00 and + prefixes name any country.
 */
const DEFAULT_PHONE_COUNTRY = 'CN';

/** Longer input is refused before parsing: no number is written with more than 40 characters. */
const MAX_INPUT = 40;

export function toE164(raw: string): string | null {
  // NFKC folds full-width digits and plus signs, which Chinese input methods type.
  const text = raw.normalize('NFKC').trim();
  if (text.length === 0 || text.length > MAX_INPUT || !/^[0-9+\-().\s/]+$/.test(text)) return null;
  const international = text.replace(/^00/, '+');
  const number = parsePhoneNumberFromString(international, DEFAULT_PHONE_COUNTRY);
  return number?.isValid() ? number.number : null;
}

/** The callee's time zone when the number says it unambiguously (China has one); else null. */
export function timeZoneOfNumber(e164: string): string | null {
  return e164.startsWith('+86') ? 'Asia/Shanghai' : null;
}
