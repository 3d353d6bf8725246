import { describe, expect, it } from "vitest";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { ATTRIBUTE_CACHE_ENTRIES, AttributeCache } from "../../src/kms/attribute-cache.js";
import { ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";

const attrs = (n: string): Attr[] => [{ name: "Object Group", value: ttlv.text(Tag.ObjectGroup, n) }];

describe("AttributeCache", () => {
  it("serves an entry only for the same version and the same stored bytes", () => {
    const c = new AttributeCache();
    const bytes = Uint8Array.from([1, 2, 3]);
    c.set("a", 3, bytes, attrs("g"));
    expect(c.get("a", 3, Uint8Array.from([1, 2, 3]))).toEqual(attrs("g"));
    expect(c.get("a", 4, bytes)).toBeUndefined();
    expect(c.get("a", 3, Uint8Array.from([1, 2, 4]))).toBeUndefined();
    expect(c.get("b", 3, bytes)).toBeUndefined();
  });

  it("keeps its own copy of the bytes and drops the least recently used entry", () => {
    const c = new AttributeCache();
    const bytes = Uint8Array.from([9]);
    c.set("first", 1, bytes, attrs("1"));
    bytes[0] = 8;
    expect(c.get("first", 1, Uint8Array.from([9]))).toBeDefined();
    for (let i = 0; i < ATTRIBUTE_CACHE_ENTRIES; i++) c.set(`k${i}`, 1, bytes, attrs(String(i)));
    expect(c.get("first", 1, Uint8Array.from([9]))).toBeUndefined();
    expect(c.get(`k${ATTRIBUTE_CACHE_ENTRIES - 1}`, 1, bytes)).toBeDefined();
  });
});
