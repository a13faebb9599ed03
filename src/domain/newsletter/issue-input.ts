import { cleanText, findTextProblem } from '../declaration/safe-text.ts';
import { NEWSLETTER_LANGUAGES, type NewsletterLanguage } from './subscription-input.ts';

export const ISSUE_LIMITS = { subject: 150, body: 20_000 } as const;

/** One language's words of an issue: a subject line and a plain-text body. */
interface IssueText {
  subject: string;
  body: string;
}

export type IssueTexts = Record<NewsletterLanguage, IssueText>;

/** Field name (`subject.en`, `body.zh-hans`) → i18n key of what is wrong with it. */
export type IssueErrors = Record<string, string>;

/**
 * An issue's words as typed. A draft may leave a language empty while it is being written; sending
 * needs all three (readyToSend), since every subscriber gets the issue in the language they chose.
 */
export function readIssueTexts(
  fields: Readonly<Record<string, string>>,
): { ok: true; value: IssueTexts } | { ok: false; errors: IssueErrors; value: IssueTexts } {
  const errors: IssueErrors = {};
  const value = {} as IssueTexts;
  for (const language of NEWSLETTER_LANGUAGES) {
    const text: IssueText = { subject: '', body: '' };
    for (const part of ['subject', 'body'] as const) {
      const name = `${part}.${language}`;
      const raw = fields[name] ?? '';
      const multiline = part === 'body';
      const problem = findTextProblem(raw, { maxLength: ISSUE_LIMITS[part], multiline });
      if (problem) errors[name] = `text.${problem}`;
      text[part] = problem ? raw : cleanText(raw, multiline);
    }
    value[language] = text;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, value } : { ok: true, value };
}

/** The fields still empty, which keep an issue from being sent. */
export function missingTexts(texts: IssueTexts): IssueErrors {
  const errors: IssueErrors = {};
  for (const language of NEWSLETTER_LANGUAGES) {
    if (texts[language].subject === '') errors[`subject.${language}`] = 'text.required';
    if (texts[language].body === '') errors[`body.${language}`] = 'text.required';
  }
  return errors;
}
