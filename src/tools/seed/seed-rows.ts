import type { ColumnKind, SeedValue } from './seed-batch.ts';
import type { SeedPost } from './seed-generator.ts';

/**
 * What every seeded post has in common. Seeded posts have no receipt (the
 * password hash is no hash): nobody can look them up or retract them.
 */
export const SHARED_VALUES = { password_hash: 'seed', behalf: 'self', consent: 1, locale: 'zh-hans', admission: 'public' } as const;

/** The columns that differ from post to post, in the order of `postValues`. */
export const POST_COLUMNS = [
  'registration_number',
  'status',
  'names',
  'name_count',
  'headcount',
  'party',
  'league',
  'pioneers',
  'title',
  'region',
  'statement',
  'channel',
  'created_at',
  'status_changed_at',
  'published_at',
  'alias_key',
  'counted_day',
  'duplicate_of',
] as const;

/**
 * How each column's values travel from the generating thread (see seed-batch.ts). Texts with
 * few distinct values (a few thousand at most) are sent once each; titles are not among them:
 * there are a few hundred thousand, and looking one up in so large a table costs more than
 * sending it.
 */
export const POST_COLUMN_KINDS: readonly ColumnKind[] = POST_COLUMNS.map((column) => {
  switch (column) {
    case 'name_count':
    case 'headcount':
    case 'party':
    case 'league':
    case 'pioneers':
    case 'duplicate_of':
      return 'number';
    case 'status':
    case 'names':
    case 'region':
    case 'statement':
    case 'channel':
    case 'alias_key':
    case 'counted_day':
      return 'few';
    default:
      return 'text';
  }
});

/** A post's values for POST_COLUMNS; post number n (from 0) gets the id idBase + n + 1. */
export function postValues(post: SeedPost, idBase: number): SeedValue[] {
  return [
    post.registrationNumber,
    post.status,
    post.names,
    post.nameCount,
    post.headcount,
    post.party,
    post.league,
    post.pioneers,
    post.title,
    post.region,
    post.statement,
    post.channel,
    post.createdAt,
    post.publishedAt ?? post.createdAt,
    post.publishedAt,
    post.aliasKey,
    post.status === 'pending' ? null : post.countedDay,
    post.duplicateOf === null ? null : post.duplicateOf + idBase,
  ];
}
