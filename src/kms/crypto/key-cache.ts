import { createSecretKey, type KeyObject } from "node:crypto";
import type { StructureItem } from "../../ttlv/item.js";
import { keyObjectFromBlock } from "../keys/key-object.js";
import type { ManagedObject } from "../managed-object.js";

/**
 * Keys ready for node:crypto, so that a key used again and again is not unsealed, TTLV-decoded
 * and parsed on every request: parsed asymmetric keys (createPrivateKey was ~40% of a Sign) and
 * symmetric keys as secret KeyObjects (unsealing and decoding was ~15% of an AES-GCM Encrypt).
 * Only that work is cached: every request still loads the object, checks ownership, state,
 * dates and usage mask. Entries are keyed by object id, record version and the stored value's
 * name, so any change (including Destroy, and a rolled-back write) makes them unreachable; at
 * most KEY_CACHE_ENTRIES are kept, and none longer than KEY_CACHE_TTL_MS, which bounds how long
 * a destroyed key can remain in memory.
 * The key bytes live in KeyObjects (outside the JS heap), never in a JS buffer of the cache.
 */
export const KEY_CACHE_ENTRIES = 256;
export const KEY_CACHE_TTL_MS = 60_000;

/** A symmetric key for the cipher operations, with the algorithm its Key Block or attributes name. */
export interface SecretKey {
  readonly key: KeyObject;
  /** Length in bytes. */
  readonly length: number;
  readonly algorithm: number | undefined;
}

/**
 * The key of `obj` (a Private or Public Key), through the cache when there is one. `keyBlock`
 * is called only on a miss, so a cached key spares unsealing and decoding the stored value.
 */
export function keyObjectOf(
  cache: KeyObjectCache | undefined,
  obj: ManagedObject,
  keyBlock: () => StructureItem,
): KeyObject {
  const make = () => keyObjectFromBlock(obj.objectType, keyBlock());
  return cache === undefined ? make() : cache.lookup(obj, "parsed", make);
}

/**
 * The symmetric key of `obj` as a secret KeyObject, through the cache when there is one;
 * `material` (key bytes and algorithm, from the unsealed Key Block) is called only on a miss.
 */
export function secretKeyOf(
  cache: KeyObjectCache | undefined,
  obj: ManagedObject,
  material: () => { key: Uint8Array; algorithm: number | undefined },
): SecretKey {
  const make = (): SecretKey => {
    const m = material();
    return { key: createSecretKey(m.key), length: m.key.length, algorithm: m.algorithm };
  };
  return cache === undefined ? make() : cache.lookup(obj, "secret", make);
}

export class KeyObjectCache {
  private readonly entries = new Map<string, { value: unknown; at: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  /**
   * The value cached under (`kind`, object id, version, stored value), made by `make` on a
   * miss or after the TTL. The stored value's name (ManagedObject.materialId, fresh for every
   * write of the material) is part of the key: a version number can be written twice when a
   * transaction that wrote it was rolled back, with other material each time. An object that
   * does not name its stored value is never cached.
   */
  lookup<T>(obj: ManagedObject, kind: string, make: () => T): T {
    if (typeof obj.materialId !== "string") return make();
    const id = `${kind}\u0000${obj.id}\u0000${obj.version}\u0000${obj.materialId}`;
    const now = this.clock();
    const hit = this.entries.get(id);
    if (hit !== undefined && now - hit.at < KEY_CACHE_TTL_MS) {
      // Refresh recency: Map iteration order is insertion order, oldest first.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.value as T;
    }
    const value = make();
    this.entries.delete(id);
    this.entries.set(id, { value, at: now });
    for (const [k, e] of this.entries) {
      if (this.entries.size <= KEY_CACHE_ENTRIES && now - e.at < KEY_CACHE_TTL_MS) break;
      this.entries.delete(k);
    }
    return value;
  }
}
