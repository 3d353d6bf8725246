import { describe, expect, it } from "vitest";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { findAll, req } from "../../src/kmip/read.js";
import { ATTRIBUTE_CACHE_ENTRIES, AttributeCache } from "../../src/kms/attribute-cache.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import { CryptographicAlgorithm, KeyFormatType, ObjectType, Operation, ResultStatus } from "../../src/ttlv/enums.js";
import { type StructureItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { openTestStore } from "../store/dialects.js";
import { batchItem, batchRequest } from "../support/request-message.js";

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

/**
 * insertObject puts the new object's decoded attributes in the cache before its transaction
 * commits: a rolled-back insert must never be served, even when the same id is stored again.
 */
describe("AttributeCache primed by inserts", () => {
  it("serves what was committed after an Import under the same id was rolled back", async () => {
    const { store, close } = await openTestStore("sqlite");
    try {
      const kmip = new KmipProcessor({ store, admins: [], maxBatchItems: 4 });
      const id = "imported-key";
      const importKey = (group: string) =>
        batchItem(Operation.Import, [
          ttlv.text(Tag.UniqueIdentifier, id),
          ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
          ttlv.bool(Tag.ReplaceExisting, true),
          ttlv.struct(Tag.Attributes, [
            ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
            ttlv.int(Tag.CryptographicLength, 128),
            ttlv.text(Tag.ObjectGroup, group),
          ]),
          ttlv.struct(Tag.SymmetricKey, [
            ttlv.struct(Tag.KeyBlock, [
              ttlv.enum(Tag.KeyFormatType, KeyFormatType.Raw),
              ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, new Uint8Array(16).fill(7))]),
              ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
              ttlv.int(Tag.CryptographicLength, 128),
            ]),
          ]),
        ]);
      // Undo batch: the Import succeeds, the Get of a missing object fails, so both roll back.
      const undone = await kmip.process(
        batchRequest(
          [importKey("rolled-back"), batchItem(Operation.Get, [ttlv.text(Tag.UniqueIdentifier, "nope")])],
          true,
        ),
        "alice",
      );
      expect(findAll(undone, Tag.BatchItem).map((i) => req.enum(i as StructureItem, Tag.ResultStatus))).toEqual([
        ResultStatus.OperationUndone,
        ResultStatus.OperationFailed,
      ]);
      expect(await store.getObject(id)).toBeUndefined();
      // Stored again by another process (its own cache): this one still holds the rolled-back entry.
      const other = new KmipProcessor({ store, admins: [], maxBatchItems: 4 });
      const kept = await other.process(batchRequest([importKey("committed")]), "alice");
      expect(req.enum(findAll(kept, Tag.BatchItem)[0] as StructureItem, Tag.ResultStatus)).toBe(ResultStatus.Success);
      const got = await kmip.process(
        batchRequest([batchItem(Operation.GetAttributes, [ttlv.text(Tag.UniqueIdentifier, id)])]),
        "alice",
      );
      const payload = req.struct(findAll(got, Tag.BatchItem)[0] as StructureItem, Tag.ResponsePayload);
      const groups = findAll(req.struct(payload, Tag.Attributes), Tag.ObjectGroup).map((g) => g.value);
      expect(groups).toEqual(["committed"]);
    } finally {
      await close();
    }
  });
});
