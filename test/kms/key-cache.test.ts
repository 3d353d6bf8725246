import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AttributeList } from "../../src/kmip/attributes/attribute-list.js";
import { KEY_CACHE_ENTRIES, KEY_CACHE_TTL_MS, KeyObjectCache, secretKeyOf } from "../../src/kms/crypto/key-cache.js";
import type { ManagedObject } from "../../src/kms/managed-object.js";

const object = (id: string, version: number, materialId: string | null = "seal-1"): ManagedObject => ({
  id,
  owner: "alice",
  objectType: 2,
  state: 2,
  attrs: new AttributeList([]),
  value: null,
  version,
  createdAt: 0,
  materialId,
});

describe("KeyObjectCache for symmetric keys", () => {
  it("unseals a key once per (id, version) and holds it as a secret KeyObject", () => {
    const cache = new KeyObjectCache();
    const bytes = new Uint8Array(randomBytes(32));
    let opened = 0;
    const material = () => {
      opened++;
      return { key: bytes, algorithm: 3 };
    };
    const first = secretKeyOf(cache, object("k", 1), material);
    const second = secretKeyOf(cache, object("k", 1), material);
    expect(opened).toBe(1);
    expect(second).toBe(first);
    expect(first.key.type).toBe("secret");
    expect(first.length).toBe(32);
    expect(first.algorithm).toBe(3);
    expect([...first.key.export()]).toEqual([...bytes]);
    // Any change to the object (a new version) makes the entry unreachable.
    secretKeyOf(cache, object("k", 2), material);
    expect(opened).toBe(2);
  });

  it("keeps no entry past its TTL nor beyond its size", () => {
    let now = 0;
    const cache = new KeyObjectCache(() => now);
    let opened = 0;
    const material = () => {
      opened++;
      return { key: new Uint8Array(16), algorithm: 3 };
    };
    secretKeyOf(cache, object("k", 1), material);
    now += KEY_CACHE_TTL_MS;
    secretKeyOf(cache, object("k", 1), material);
    expect(opened).toBe(2);
    for (let i = 0; i < KEY_CACHE_ENTRIES; i++) secretKeyOf(cache, object(`o${i}`, 1), material);
    secretKeyOf(cache, object("k", 1), material);
    expect(opened).toBe(3 + KEY_CACHE_ENTRIES);
  });

  it("tells apart two writes of one version (a rolled-back one and the committed one)", () => {
    const cache = new KeyObjectCache();
    let opened = 0;
    const material = () => {
      opened++;
      return { key: new Uint8Array(16), algorithm: 3 };
    };
    secretKeyOf(cache, object("k", 2, "seal-rolled-back"), material);
    secretKeyOf(cache, object("k", 2, "seal-committed"), material);
    expect(opened).toBe(2);
    // An object that does not name its stored value (not read from the store) is not cached.
    secretKeyOf(cache, object("k", 2, null), material);
    secretKeyOf(cache, object("k", 2, null), material);
    expect(opened).toBe(4);
  });

  it("without a cache, opens the key every time", () => {
    let opened = 0;
    const material = () => {
      opened++;
      return { key: new Uint8Array(16), algorithm: 3 };
    };
    secretKeyOf(undefined, object("k", 1), material);
    secretKeyOf(undefined, object("k", 1), material);
    expect(opened).toBe(2);
  });
});
