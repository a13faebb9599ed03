import { findTextProblem } from '../declaration/safe-text.ts';

/**
 * The outside addresses the resources page may link to, as the operator lists them in the console:
 * mirrors of this site, its onion address (opened in Tor Browser), and downloads of circumvention
 * software. Nothing else outside the site is ever linked, and nothing outside it is ever loaded.
 */
export const RESOURCE_LINK_KINDS = ['mirror', 'onion', 'download'] as const;
export type ResourceLinkKind = (typeof RESOURCE_LINK_KINDS)[number];

function isResourceLinkKind(value: string): value is ResourceLinkKind {
  return (RESOURCE_LINK_KINDS as readonly string[]).includes(value);
}

const MAX_LINK_LABEL = 100;
const MAX_URL = 500;

/**
 * The one spelling of an address (URL.href) that links are compared by: http or https only, a host,
 * no user name or password in it (a link that says one host and opens another). Null otherwise.
 */
export function normalizeUrl(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL || /[\s\\]/.test(trimmed)) return null;
  if (!URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** An onion address is a host under .onion; a mirror or a download is anything else. */
function fitsKind(href: string, kind: ResourceLinkKind): boolean {
  const onion = new URL(href).hostname.endsWith('.onion');
  return kind === 'onion' ? onion : !onion;
}

type LinkProblem = 'resources.urlInvalid' | 'resources.onionInvalid' | 'resources.labelInvalid';

export type ParsedLink = { ok: true; url: string; kind: ResourceLinkKind; label: string } | { ok: false; error: LinkProblem };

/** Checks an address the operator adds: its spelling, its kind, a one-line label of at most 100 characters. */
export function parseResourceLink(input: { url: string; kind: string; label: string }): ParsedLink {
  const url = normalizeUrl(input.url);
  if (url === null || !isResourceLinkKind(input.kind)) return { ok: false, error: 'resources.urlInvalid' };
  if (!fitsKind(url, input.kind)) return { ok: false, error: 'resources.onionInvalid' };
  const label = input.label.normalize('NFC').trim();
  if (findTextProblem(label, { maxLength: MAX_LINK_LABEL, multiline: false }) !== null)
    return { ok: false, error: 'resources.labelInvalid' };
  return { ok: true, url, kind: input.kind, label };
}

/**
 * A path of this site itself, such as /zh-hans/centers: it starts with one slash (two would name
 * another host) and holds only the characters a path, query and fragment of ours use.
 */
export function isOwnPath(target: string): boolean {
  return /^\/(?![/\\])[A-Za-z0-9\-._~/%?=&#+]*$/.test(target);
}
