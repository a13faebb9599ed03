/**
 * A declaration whose declarant wrote no title stores an empty title: the column is NOT NULL
 * on both engines, and no written title is empty (input is trimmed, an empty one is absent).
 * The title shown in its place is made when it is read, in the reader's language.
 */
const NO_TITLE = '';

/** The column's value for a title, null when the declarant gave none. */
export function storedTitle(title: string | null): string {
  return title ?? NO_TITLE;
}

/** The title a row holds, null when the declarant gave none. */
export function titleOf(stored: string): string | null {
  return stored === NO_TITLE ? null : stored;
}
