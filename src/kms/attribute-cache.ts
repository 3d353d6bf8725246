import type { Attr } from "../kmip/attributes/attribute.js";

/** Objects whose decoded attributes are kept; about 2-4 KiB each. */
export const ATTRIBUTE_CACHE_ENTRIES = 4096;

interface Entry {
  readonly version: number;
  readonly bytes: Uint8Array;
  readonly attrs: readonly Attr[];
}

/**
 * Decoded attributes by object id, so that a key used again and again (Encrypt, Sign, Get) is
 * not decoded from TTLV on every request. An entry is used only when both the stored version
 * and the stored attribute bytes are the same as the record just read, so a stale or foreign
 * entry can never be served (versions only grow, and the bytes are compared in full). Holds
 * attributes only, never key material. Least recently used entries are dropped first.
 */
export class AttributeCache {
  readonly #entries = new Map<string, Entry>();

  get(id: string, version: number, bytes: Uint8Array): readonly Attr[] | undefined {
    const e = this.#entries.get(id);
    if (e === undefined || e.version !== version || !sameBytes(e.bytes, bytes)) return undefined;
    this.#entries.delete(id);
    this.#entries.set(id, e);
    return e.attrs;
  }

  set(id: string, version: number, bytes: Uint8Array, attrs: readonly Attr[]): void {
    this.#entries.delete(id);
    if (this.#entries.size >= ATTRIBUTE_CACHE_ENTRIES) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(id, { version, bytes: Uint8Array.from(bytes), attrs: [...attrs] });
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
