import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAll, req } from "../../src/kmip/read.js";
import { FRESH_HINT_ENTRIES, FreshHint } from "../../src/kms/fresh-hint.js";
import { decodeAttrs } from "../../src/kms/object-repo.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import type { Store } from "../../src/store/store.js";
import { CryptographicAlgorithm, ObjectType, Operation, ResultReason, ResultStatus } from "../../src/ttlv/enums.js";
import { ItemType, type StructureItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { openTestStore } from "../store/dialects.js";
import { batchItem, batchRequest, request } from "../support/request-message.js";

/**
 * The first Get of a key this process created runs in a write transaction at once (it clears
 * Fresh), without the read-only attempt; a stale hint never changes an answer.
 */
describe("Fresh hint", () => {
  let store: Store;
  let close: () => Promise<void>;
  /** Reads outside any transaction: what a read-only attempt does. */
  let autocommitReads: number;
  let counted: Store;

  beforeEach(async () => {
    ({ store, close } = await openTestStore("sqlite"));
    autocommitReads = 0;
    counted = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === "getObject") {
          return (...args: Parameters<Store["getObject"]>) => {
            autocommitReads++;
            return target.getObject(...args);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  });
  afterEach(() => close());

  const uid = (id: string) => ttlv.text(Tag.UniqueIdentifier, id);
  const createAes = () =>
    request(Operation.Create, [
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ttlv.struct(Tag.Attributes, [
        ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
        ttlv.int(Tag.CryptographicLength, 128),
      ]),
    ]);
  const first = (m: StructureItem) => findAll(m, Tag.BatchItem)[0] as StructureItem;

  async function create(kmip: KmipProcessor): Promise<string> {
    const item = first(await kmip.process(createAes(), "alice"));
    return req.text(req.struct(item, Tag.ResponsePayload), Tag.UniqueIdentifier);
  }

  /** The stored Fresh attribute of `id`. */
  async function fresh(id: string): Promise<boolean> {
    const rec = await store.getObject(id, { withIndex: false });
    const value = decodeAttrs(rec!.attributes).get("Fresh");
    return value?.type === ItemType.Boolean && value.value;
  }

  it("skips the read-only attempt for the first Get of a key this processor created, not for later ones", async () => {
    const kmip = new KmipProcessor({ store: counted, admins: [], maxBatchItems: 4 });
    const id = await create(kmip);
    const before = autocommitReads;
    const got = first(await kmip.process(request(Operation.Get, [uid(id)]), "alice"));
    expect(req.enum(got, Tag.ResultStatus)).toBe(ResultStatus.Success);
    expect(autocommitReads).toBe(before);
    // Served: no longer in the hint, so the next Get reads outside a transaction first.
    await kmip.process(request(Operation.Get, [uid(id)]), "alice");
    expect(autocommitReads).toBe(before + 1);
  });

  it("follows the ID Placeholder: Create then Get in one batch", async () => {
    const kmip = new KmipProcessor({ store: counted, admins: [], maxBatchItems: 4 });
    const before = autocommitReads;
    const answer = await kmip.process(batchRequest([first(createAes()), batchItem(Operation.Get, [])]), "alice");
    const items = findAll(answer, Tag.BatchItem) as StructureItem[];
    expect(items.map((i) => req.enum(i, Tag.ResultStatus))).toEqual([ResultStatus.Success, ResultStatus.Success]);
    expect(autocommitReads).toBe(before);
  });

  it("gives the same answers when the hint is stale: served by another processor, or destroyed", async () => {
    const a = new KmipProcessor({ store, admins: [], maxBatchItems: 4 });
    const b = new KmipProcessor({ store, admins: [], maxBatchItems: 4 });
    const id = await create(a);
    expect(await fresh(id)).toBe(true);
    const viaB = first(await b.process(request(Operation.Get, [uid(id)]), "alice"));
    expect(req.enum(viaB, Tag.ResultStatus)).toBe(ResultStatus.Success);
    expect(await fresh(id)).toBe(false);
    // a still holds the id: its Get runs in a write transaction and answers the same key.
    const viaA = first(await a.process(request(Operation.Get, [uid(id)]), "alice"));
    expect(req.enum(viaA, Tag.ResultStatus)).toBe(ResultStatus.Success);
    expect(req.struct(viaA, Tag.ResponsePayload)).toEqual(req.struct(viaB, Tag.ResponsePayload));
    expect(await fresh(id)).toBe(false);

    const gone = await create(a);
    await a.process(request(Operation.Destroy, [uid(gone)]), "alice");
    const destroyed = first(await a.process(request(Operation.Get, [uid(gone)]), "alice"));
    expect(req.enum(destroyed, Tag.ResultStatus)).toBe(ResultStatus.OperationFailed);
    expect(req.enum(destroyed, Tag.ResultReason)).toBe(ResultReason.ObjectDestroyed);
  });

  it("forgets the oldest id beyond its size", () => {
    const hint = new FreshHint();
    for (let i = 0; i <= FRESH_HINT_ENTRIES; i++) hint.add(`k${i}`);
    expect(hint.has("k0")).toBe(false);
    expect(hint.has("k1")).toBe(true);
    expect(hint.has(`k${FRESH_HINT_ENTRIES}`)).toBe(true);
    hint.delete("k1");
    expect(hint.has("k1")).toBe(false);
  });
});
