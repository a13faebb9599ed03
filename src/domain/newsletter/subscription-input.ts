import { z } from 'zod';
import { findTextProblem } from '../declaration/safe-text.ts';

/** The languages an issue is written in and a subscriber reads it in: the site's locales. */
export const NEWSLETTER_LANGUAGES = ['zh-hans', 'zh-hant', 'en'] as const;
export type NewsletterLanguage = (typeof NEWSLETTER_LANGUAGES)[number];

function isNewsletterLanguage(value: string): value is NewsletterLanguage {
  return (NEWSLETTER_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The version of the terms a subscriber agreed to, stored with the consent. Raise it when the terms
 * page changes what it says about the newsletter.
 */
export const TERMS_VERSION = '2026-12';

const MAX_EMAIL = 254;
const email = z.email();

/** The sign-up form's fields, as a code per field that failed (i18n keys). */
type SignUpField = 'email' | 'language' | 'terms';
export type SignUpErrors = Partial<Record<SignUpField, string>>;

export interface SignUp {
  /** Lower-cased and trimmed: the form of the address its HMAC is taken of. */
  email: string;
  language: NewsletterLanguage;
}

/** The address as it is compared: two spellings in different case are one subscriber. */
function normalizeEmail(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

export function readSignUp(input: {
  email: string;
  language: string;
  terms: string;
}): { ok: true; value: SignUp } | { ok: false; errors: SignUpErrors } {
  const errors: SignUpErrors = {};
  const address = normalizeEmail(input.email);
  const problem = findTextProblem(address, { maxLength: MAX_EMAIL, multiline: false });
  if (address === '') errors.email = 'text.required';
  else if (problem) errors.email = problem === 'tooLong' ? 'contact.invalid' : `text.${problem}`;
  else if (!email.safeParse(address).success) errors.email = 'contact.invalid';
  if (!isNewsletterLanguage(input.language)) errors.language = 'newsletter.languageInvalid';
  // A checkbox sends its value only when ticked; anything else is no agreement.
  if (input.terms !== 'yes') errors.terms = 'newsletter.termsRequired';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { email: address, language: input.language as NewsletterLanguage } };
}
