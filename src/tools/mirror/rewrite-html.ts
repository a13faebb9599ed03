import { decodeHtmlEntities } from '../../domain/markup/html-entities.ts';

/**
 * Rewrites a page of the site for a static mirror: each link to a page the kit holds points at its
 * file, every other link and every form goes to a site that serves it, and the page carries its
 * security policy in a meta element, since a static host sends the site's headers with none of them.
 */

const encode = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export interface LinkTargets {
  /** The kit file of a path and query on this site, or null when the kit does not hold it. */
  fileOf(path: string, query: string): string | null;
  /** How the page at `fromFile` links to a kit file. */
  link(fromFile: string, toFile: string): string;
  /** Where links to pages the kit does not hold go: the site's public address. */
  siteUrl: string;
  /** Where forms go: the configured submission origin, or the site's public address. */
  formUrl: string;
}

/** The same-site paths a page links to (hrefs, sources and form actions), with their queries. */
export function sameSiteLinks(html: string): { path: string; query: string }[] {
  const found: { path: string; query: string }[] = [];
  for (const match of html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)) {
    const url = new URL(decodeHtmlEntities(match[1]!), 'http://kit.invalid');
    found.push({ path: url.pathname, query: url.search.slice(1) });
  }
  return found;
}

export function rewriteHtml(html: string, fromFile: string, targets: LinkTargets): string {
  return (
    html
      .replace(/\s(href|src|action|formaction)="(\/[^"]*)"/g, (_whole, attribute: string, raw: string) => {
        const url = new URL(decodeHtmlEntities(raw), 'http://kit.invalid');
        const query = url.search.slice(1);
        if (attribute.endsWith('action')) return ` ${attribute}="${encode(`${targets.formUrl}${url.pathname}${url.search}${url.hash}`)}"`;
        const file = targets.fileOf(url.pathname, query);
        const to = file === null ? `${targets.siteUrl}${url.pathname}${url.search}` : targets.link(fromFile, file);
        return ` ${attribute}="${encode(to + url.hash)}"`;
      })
      .replace(/<input type="hidden" name="submission" value="[^"]*"\/?>/g, '')
      // The proof of work is the live site's: a challenge frozen into a file expires and is spent once,
      // and its script would be fetched from the main site, which a mirror exists to avoid.
      .replace(/<input type="hidden" name="altcha"[^>]*>/g, '')
      .replace(/<script\b[^>]*><\/script>/g, '')
  );
}

/**
 * The site's policy for a page on a mirror: forms may go only to the submission origin (or the
 * site), no script runs, and frame-ancestors, which a meta element cannot carry, is left to the host's headers.
 */
export function mirrorPolicy(policy: string, formOrigin: string): string {
  return (
    policy
      .split(';')
      .map((directive) => directive.trim())
      .filter((directive) => directive !== '' && !directive.startsWith('frame-ancestors'))
      .map((directive) => (directive.startsWith('form-action') ? `form-action ${formOrigin}` : directive))
      // A kit's pages run no script: the form's proof of work is left out (rewriteHtml).
      .map((directive) => (directive.startsWith('script-src') ? "script-src 'none'" : directive))
      .join('; ')
  );
}

/** The policy as the first element of the head, ahead of everything it governs. */
export function withPolicyMeta(html: string, policy: string): string {
  return html.replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${encode(policy)}"/>`);
}
