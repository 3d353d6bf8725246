import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AttributeList } from "../../src/kmip/attributes/attribute-list.js";
import { findAll, req } from "../../src/kmip/read.js";
import { decodeAttrs, indexOf, touchesIndex, unindexedAttributes } from "../../src/kms/object-repo.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import type { IndexEntry, Store } from "../../src/store/store.js";
import { CryptographicAlgorithm, ObjectType, Operation, ResultStatus } from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { openTestStore } from "../store/dialects.js";
import { request } from "../support/request-message.js";

/**
 * saveObject rewrites the attribute index only when an edit touched an indexed attribute. Whatever
 * the edits, the stored index must stay exactly what indexOf computes from the stored attributes,
 * or Locate would miss objects (or find them by values they no longer have).
 */

const uid = (id: string) => ttlv.text(Tag.UniqueIdentifier, id);
const name = (value: string) => ttlv.struct(Tag.Name, [ttlv.text(Tag.NameValue, value), ttlv.enum(Tag.NameType, 1)]);
const attribute = (item: TtlvItem) => ttlv.struct(Tag.NewAttribute, [item]);
const custom = (value: string) =>
  ttlv.struct(Tag.Attribute, [ttlv.text(Tag.AttributeName, "x-tag"), ttlv.text(Tag.AttributeValue, value)]);

/** One edit of the key `id` (KMIP 2.1 forms); any of them may fail, which must leave the index right too. */
const edits: Array<fc.Arbitrary<(id: string) => StructureItem>> = [
  fc.constant((id: string) => request(Operation.Get, [uid(id)])),
  fc.constant((id: string) => request(Operation.Activate, [uid(id)])),
  fc
    .constantFrom("a", "b", "c")
    .map((v) => (id: string) => request(Operation.AddAttribute, [uid(id), attribute(name(`n-${v}`))])),
  fc
    .constantFrom("a", "b")
    .map((v) => (id: string) => request(Operation.SetAttribute, [uid(id), attribute(name(`s-${v}`))])),
  fc
    .constantFrom("g1", "g2")
    .map((v) => (id: string) => request(Operation.AddAttribute, [uid(id), attribute(ttlv.text(Tag.ObjectGroup, v))])),
  fc.constant((id: string) =>
    request(Operation.DeleteAttribute, [
      uid(id),
      ttlv.struct(Tag.CurrentAttribute, [ttlv.text(Tag.ObjectGroup, "g0")]),
    ]),
  ),
  fc.constant((id: string) =>
    request(Operation.DeleteAttribute, [uid(id), ttlv.struct(Tag.CurrentAttribute, [name("n-a")])]),
  ),
  fc
    .constantFrom("p", "q")
    .map(
      (v) => (id: string) =>
        request(Operation.ModifyAttribute, [
          uid(id),
          attribute(ttlv.enum(Tag.CryptographicUsageMask, v === "p" ? 4 : 12)),
        ]),
    ),
  fc
    .constantFrom("p", "q")
    .map((v) => (id: string) => request(Operation.AddAttribute, [uid(id), attribute(custom(v))])),
  fc.constant((id: string) =>
    request(Operation.ModifyAttribute, [
      uid(id),
      ttlv.struct(Tag.CurrentAttribute, [name("n-b")]),
      attribute(name("m")),
    ]),
  ),
  fc.constant((id: string) =>
    request(Operation.Revoke, [uid(id), ttlv.struct(Tag.RevocationReason, [ttlv.enum(Tag.RevocationReasonCode, 5)])]),
  ),
];

function sorted(index: readonly IndexEntry[]): string[] {
  return index.map((e) => `${e.name}=${e.value}`).sort();
}

describe("attribute index maintenance", () => {
  let store: Store;
  let close: () => Promise<void>;
  let kmip: KmipProcessor;
  beforeAll(async () => {
    ({ store, close } = await openTestStore("sqlite"));
    kmip = new KmipProcessor({ store, admins: [], maxBatchItems: 16 });
  });
  afterAll(() => close());

  async function create(): Promise<string> {
    const out = await kmip.process(
      request(Operation.Create, [
        ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        ttlv.struct(Tag.Attributes, [
          ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
          ttlv.int(Tag.CryptographicLength, 128),
          ttlv.int(Tag.CryptographicUsageMask, 12),
          ttlv.text(Tag.ObjectGroup, "g0"),
        ]),
      ]),
      "alice",
    );
    const item = findAll(out, Tag.BatchItem)[0] as StructureItem;
    expect(req.enum(item, Tag.ResultStatus)).toBe(ResultStatus.Success);
    return req.text(req.struct(item, Tag.ResponsePayload), Tag.UniqueIdentifier);
  }

  async function expectIndexCurrent(id: string): Promise<void> {
    const rec = await store.getObject(id);
    expect(rec).toBeDefined();
    expect(sorted(rec!.index)).toEqual(sorted(indexOf(decodeAttrs(rec!.attributes).all())));
  }

  it("stays what indexOf computes after any sequence of edits, failed ones included", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(...edits), { minLength: 1, maxLength: 8 }), async (steps) => {
        const id = await create();
        for (const step of steps) {
          await kmip.process(step(id), "alice");
          await expectIndexCurrent(id);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("Locate finds a key by a Name added after its first Get, and no longer by one removed", async () => {
    const id = await create();
    await kmip.process(request(Operation.Get, [uid(id)]), "alice");
    await kmip.process(request(Operation.AddAttribute, [uid(id), attribute(name("late"))]), "alice");
    const late = indexOf([{ name: "Name", value: name("late") }]);
    expect(await store.findObjectIds({ index: late })).toEqual([id]);
    await kmip.process(
      request(Operation.DeleteAttribute, [uid(id), ttlv.struct(Tag.CurrentAttribute, [name("late")])]),
      "alice",
    );
    expect(await store.findObjectIds({ index: late })).toEqual([]);
  });
});

describe("touchesIndex", () => {
  it("is false only for attributes that are never indexed", () => {
    for (const n of unindexedAttributes) expect(touchesIndex([n])).toBe(false);
    expect(touchesIndex(["Last Change Date", "Fresh", "Activation Date"])).toBe(false);
    expect(touchesIndex(["Fresh", "Name"])).toBe(true);
    expect(touchesIndex(["State"])).toBe(true);
    // A custom attribute may hold any type: always treated as indexed.
    expect(touchesIndex(["x-when"])).toBe(true);
    expect(touchesIndex([])).toBe(false);
  });

  it("AttributeList records the names its edits touched", () => {
    const list = new AttributeList([
      { name: "Name", value: name("a") },
      { name: "Fresh", value: ttlv.bool(Tag.Fresh, true) },
    ]);
    expect([...list.touched()]).toEqual([]);
    list.get("Name");
    list.remove("Object Group");
    expect([...list.touched()]).toEqual([]);
    list.set("Fresh", ttlv.bool(Tag.Fresh, false));
    expect([...list.touched()]).toEqual(["Fresh"]);
    list.replaceAt("Name", 0, name("b"));
    list.add("Object Group", ttlv.text(Tag.ObjectGroup, "g"));
    list.remove("Object Group");
    expect([...list.touched()].sort()).toEqual(["Fresh", "Name", "Object Group"]);
    expect([...list.clone().touched()]).toEqual([]);
  });
});
