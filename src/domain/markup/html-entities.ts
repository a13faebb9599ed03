/*
 * Text read back out of this site's own pages (a saved certificate page, a page a mirror kit
 * rewrites): the entities its escaping writes (hono's, views/escape-html.ts) turned back into
 * characters. Only those: the pages carry no other entity.
 */

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const ENTITY = /&(?:amp|lt|gt|quot|#39|#x27);/g;

export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY, (entity) => ENTITIES[entity]!);
}
