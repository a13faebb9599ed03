/**
 * Tells whoever keeps public pages prepared (http/public/pages/routes.tsx) that
 * declarations' public pages changed in this process — retracted, redacted,
 * marked as duplicates — so they are dropped at once. Other processes notice
 * when they next read the row (within a second).
 */
export class PublicChanges {
  readonly #listeners = new Set<(registrationNumbers: readonly string[]) => void>();

  subscribe(listener: (registrationNumbers: readonly string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  declarationsChanged(registrationNumbers: readonly string[]): void {
    if (registrationNumbers.length === 0) return;
    for (const listener of this.#listeners) listener(registrationNumbers);
  }
}
