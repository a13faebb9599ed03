import type { Organization } from '../domain/declaration/organizations.ts';
import { catalogFor, type Locale } from './index.ts';
import { inReaderScript } from './script-conversion.ts';

/** What stands for a title the declarant did not write: the organisations they quit, in `locale`. */
export function defaultTitle(orgs: readonly Organization[], locale: Locale): string {
  const form = catalogFor(locale).form;
  return form.defaultTitle(orgs.map((org) => form.orgs[org]).join(form.orgsJoiner));
}

/**
 * The title a reader sees: the declarant's own in the reader's script, or, if they wrote
 * none, the default in the reader's language (made when read, so no reader meets another
 * language's wording).
 */
export function readerTitle(declaration: { title: string | null; orgs: readonly Organization[] }, locale: Locale): string {
  return declaration.title === null ? defaultTitle(declaration.orgs, locale) : inReaderScript(declaration.title, locale);
}
