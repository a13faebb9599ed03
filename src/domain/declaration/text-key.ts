import { createHash } from 'node:crypto';
import { searchFold } from './search-grams.ts';

// Left out of a text key besides what searchFold drops (script, width, case, spaces, punctuation and
// symbols): format characters (zero-width and the like, which intake refuses but older rows may hold),
// combining marks, and digits, which a flooder varies first ("…第1份", "…第2份").
const IGNORED = /[\p{Cf}\p{M}\p{Nd}]/gu;

/**
 * The key that near-identical statements share, for the moderators' signal: the statement folded
 * as the archive search folds it, less the characters above, hashed to 16 characters so the index
 * on it stays small whatever the statement's length. A statement that folds to nothing (none, or
 * only punctuation and digits) has no key: empty statements are never near-identical to each other.
 * A key is never shown; it only groups texts, and a flood that varies words rather than characters
 * gets past it (docs/security.md, "Bursts, flagged silently").
 */
export function statementTextKey(statement: string | null): string | null {
  if (statement === null || statement === '') return null;
  const folded = searchFold(statement).replace(IGNORED, '');
  if (folded === '') return null;
  return createHash('sha256').update(folded).digest('base64url').slice(0, 16);
}
