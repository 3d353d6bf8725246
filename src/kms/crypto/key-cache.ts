import type { KeyObject } from "node:crypto";
import type { StructureItem } from "../../ttlv/item.js";
import { keyObjectFromBlock } from "../keys/key-object.js";
import type { ManagedObject } from "../managed-object.js";

/**
 * Parsed asymmetric keys (node:crypto KeyObjects), so that Sign / Verify / RSA Encrypt-Decrypt
 * do not re-parse PKCS#8 / X.509 DER on every request (createPrivateKey was ~40% of a Sign).
 * Only the parse is cached: every request still loads the object, checks ownership, state,
 * dates and usage mask. Entries are keyed by object id and record version, so any change
 * (including Destroy) makes them unreachable; at most KEY_CACHE_ENTRIES are kept, and none
 * longer than KEY_CACHE_TTL_MS, which bounds how long a destroyed key's parsed form can
 * remain in memory.
 */
export const KEY_CACHE_ENTRIES = 256;
export const KEY_CACHE_TTL_MS = 60_000;

/**
 * The key of `obj` (a Private or Public Key), through the cache when there is one. `keyBlock`
 * is called only on a miss, so a cached key spares unsealing and decoding the stored value.
 */
export function keyObjectOf(
  cache: KeyObjectCache | undefined,
  obj: ManagedObject,
  keyBlock: () => StructureItem,
): KeyObject {
  return cache === undefined ? keyObjectFromBlock(obj.objectType, keyBlock()) : cache.get(obj, keyBlock);
}

export class KeyObjectCache {
  private readonly entries = new Map<string, { key: KeyObject; at: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  get(obj: ManagedObject, keyBlock: () => StructureItem): KeyObject {
    const id = `${obj.id}\u0000${obj.version}`;
    const now = this.clock();
    const hit = this.entries.get(id);
    if (hit !== undefined && now - hit.at < KEY_CACHE_TTL_MS) {
      // Refresh recency: Map iteration order is insertion order, oldest first.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.key;
    }
    const key = keyObjectFromBlock(obj.objectType, keyBlock());
    this.entries.delete(id);
    this.entries.set(id, { key, at: now });
    for (const [k, e] of this.entries) {
      if (this.entries.size <= KEY_CACHE_ENTRIES && now - e.at < KEY_CACHE_TTL_MS) break;
      this.entries.delete(k);
    }
    return key;
  }
}
