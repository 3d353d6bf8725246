import type { Selectable } from "kysely";
import type { ObjectsTable } from "./schema.js";

/** Rows kept; each is one object's attributes (about 1-4 KiB) and its sealed value. */
export const ROW_CACHE_ENTRIES = 1024;

/**
 * Committed `objects` rows by id, for reads outside transactions on SQLite: a key used again
 * and again (Encrypt, Sign, MAC) is then read as `select version` (no blob copies) instead of
 * the whole row. A row is served only when the stored version is the cached one; versions of
 * committed rows only grow (every update bumps it, ids are never reused), so a hit is exactly
 * the stored row. Only rows read outside any transaction are kept, and an autocommit read on
 * SQLite's one connection never runs while a transaction is open on it, so an uncommitted
 * (possibly rolled-back) row is never cached. The value stays sealed: no key material is held
 * in the clear. Least recently used rows are dropped first.
 */
export class RowCache {
  readonly #rows = new Map<string, Selectable<ObjectsTable>>();

  peek(id: string): Selectable<ObjectsTable> | undefined {
    return this.#rows.get(id);
  }

  /** Keeps `row` as the most recently used (a hit is set again to refresh it). */
  set(id: string, row: Selectable<ObjectsTable>): void {
    this.#rows.delete(id);
    if (this.#rows.size >= ROW_CACHE_ENTRIES) {
      const oldest = this.#rows.keys().next();
      if (!oldest.done) this.#rows.delete(oldest.value);
    }
    this.#rows.set(id, row);
  }

  drop(id: string): void {
    this.#rows.delete(id);
  }
}
