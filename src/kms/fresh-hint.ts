/** Ids remembered; past it the oldest is forgotten (a Get then takes the read-only attempt first). */
export const FRESH_HINT_ENTRIES = 4096;

/**
 * Ids of objects this process created with Fresh = True and has not served by Get since: their
 * first Get must write (it clears Fresh, KMIP 1.4 §3.34 / 2.1 §4.19), so it skips the read-only
 * attempt of a read-mostly operation (read-mostly.ts), which would only load the object to find
 * that out (measured as about a tenth of the CPU of a Create+Get pair). Only a hint: a stale
 * entry (the object was served by another custos process, destroyed, or its Create rolled back)
 * costs that Get a write transaction it did not need, and never changes an answer.
 */
export class FreshHint {
  readonly #ids = new Set<string>();

  add(id: string): void {
    if (this.#ids.size >= FRESH_HINT_ENTRIES) {
      const oldest = this.#ids.values().next();
      if (!oldest.done) this.#ids.delete(oldest.value);
    }
    this.#ids.add(id);
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  delete(id: string): void {
    this.#ids.delete(id);
  }
}
