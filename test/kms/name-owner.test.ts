import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAll, opt, req } from "../../src/kmip/read.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import type { Store, StoreTx } from "../../src/store/store.js";
import { CryptographicAlgorithm, ObjectType, Operation, ResultReason, ResultStatus } from "../../src/ttlv/enums.js";
import { type StructureItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { dialects, openTestStore } from "../store/dialects.js";
import { withOverrides } from "../support/overrides.js";
import { request } from "../support/request-message.js";

const name = (value: string) => ttlv.struct(Tag.Name, [ttlv.text(Tag.NameValue, value), ttlv.enum(Tag.NameType, 1)]);
const uid = (id: string) => ttlv.text(Tag.UniqueIdentifier, id);

/** Create of an AES-128 key, named when `names` are given (KMIP 2.1 form). */
const create = (...names: string[]) =>
  request(Operation.Create, [
    ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    ttlv.struct(Tag.Attributes, [
      ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      ttlv.int(Tag.CryptographicLength, 128),
      ...names.map(name),
    ]),
  ]);

const addName = (id: string, value: string) =>
  request(Operation.AddAttribute, [uid(id), ttlv.struct(Tag.NewAttribute, [name(value)])]);

/** Import (KMIP 2.1 §6.1.25) of an AES-128 key under `id`, with Replace Existing and `names`. */
const importKey = (id: string, ...names: string[]) =>
  request(Operation.Import, [
    uid(id),
    ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    ttlv.bool(Tag.ReplaceExisting, true),
    ttlv.struct(Tag.Attributes, [
      ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      ttlv.int(Tag.CryptographicLength, 128),
      ...names.map(name),
    ]),
    ttlv.struct(Tag.SymmetricKey, [
      ttlv.struct(Tag.KeyBlock, [
        ttlv.enum(Tag.KeyFormatType, 1 /* Raw */),
        ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, new Uint8Array(16).fill(7))]),
        ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
        ttlv.int(Tag.CryptographicLength, 128),
      ]),
    ]),
  ]);

const rekey = (id: string, ...names: string[]) =>
  request(Operation.ReKey, [uid(id), ...(names.length > 0 ? [ttlv.struct(Tag.Attributes, names.map(name))] : [])]);

function item(response: StructureItem): StructureItem {
  return findAll(response, Tag.BatchItem)[0] as StructureItem;
}

/**
 * Names are unique among one owner's live objects (KMIP 1.4 §11.2 / 2.1 §11: Non Unique Name
 * Attribute): when an administrator or a grantee names another identity's object, the Names
 * checked, and locked, are that owner's, not the caller's.
 */
for (const dialect of dialects) {
  describe(`Names of another identity's object are the owner's (${dialect})`, () => {
    let store: Store;
    let close: () => Promise<void>;
    let kmip: KmipProcessor;

    beforeEach(async () => {
      ({ store, close } = await openTestStore(dialect));
      kmip = new KmipProcessor({ store, admins: ["admin"], maxBatchItems: 16 });
    });
    afterEach(async () => {
      await close();
    });

    async function outcome(identity: string, message: StructureItem): Promise<number> {
      const i = item(await kmip.process(message, identity));
      return opt.enum(i, Tag.ResultReason) ?? req.enum(i, Tag.ResultStatus);
    }

    async function ok(identity: string, message: StructureItem): Promise<StructureItem> {
      const i = item(await kmip.process(message, identity));
      expect(req.enum(i, Tag.ResultStatus), opt.text(i, Tag.ResultMessage)).toBe(ResultStatus.Success);
      return req.struct(i, Tag.ResponsePayload);
    }

    const created = async (identity: string, ...names: string[]) =>
      req.text(await ok(identity, create(...names)), Tag.UniqueIdentifier);

    async function locateName(identity: string, value: string): Promise<string[]> {
      const p = await ok(identity, request(Operation.Locate, [ttlv.struct(Tag.Attributes, [name(value)])]));
      return findAll(p, Tag.UniqueIdentifier).map((u) => String(u.value));
    }

    it("an administrator's Add Attribute Name fails on a Name the owner has and succeeds on one only the administrator has", async () => {
      await created("alice", "x");
      const target = await created("alice");
      await created("admin", "y");
      expect(await outcome("admin", addName(target, "x"))).toBe(ResultReason.NonUniqueNameAttribute);
      expect(await outcome("admin", addName(target, "y"))).toBe(ResultStatus.Success);
      expect(await locateName("alice", "y")).toEqual([target]);
    });

    it("a grantee's Add and Modify Attribute Name are checked against the owner's Names", async () => {
      await created("alice", "taken");
      const target = await created("alice", "old");
      await created("bob", "bobs");
      for (const operation of [Operation.AddAttribute, Operation.ModifyAttribute]) {
        await store.addGrant({ objectId: target, grantee: "bob", operation });
      }
      // "bobs" is bob's Name, not alice's: alice's object may take it.
      expect(await outcome("bob", addName(target, "bobs"))).toBe(ResultStatus.Success);
      const modify = request(Operation.ModifyAttribute, [
        uid(target),
        ttlv.struct(Tag.CurrentAttribute, [name("old")]),
        ttlv.struct(Tag.NewAttribute, [name("taken")]),
      ]);
      expect(await outcome("bob", modify)).toBe(ResultReason.NonUniqueNameAttribute);
    });

    it("an administrator's Re-key checks the requested Name against the owner's and moves the owner's Name", async () => {
      const key = await created("alice", "n");
      await created("alice", "m");
      await created("admin", "p");
      expect(await outcome("admin", rekey(key, "m"))).toBe(ResultReason.NonUniqueNameAttribute);
      const renamed = req.text(await ok("admin", rekey(key, "p")), Tag.UniqueIdentifier);
      expect(await locateName("alice", "p")).toEqual([renamed]);
      expect(await locateName("alice", "n")).toEqual([]);
      // A Re-key without a requested Name moves the existing one to the replacement, still alice's.
      const moved = req.text(await ok("admin", rekey(renamed)), Tag.UniqueIdentifier);
      expect(await locateName("alice", "p")).toEqual([moved]);
      expect((await store.getObject(moved))?.owner).toBe("alice");
    });

    it("Import with Replace Existing refuses a Name another live object of the owner has, as Create does", async () => {
      await created("alice", "a");
      expect(await outcome("alice", importKey("imported", "b"))).toBe(ResultStatus.Success);
      // Replacing the object with the Name of another of alice's objects: refused like a Create of it.
      expect(await outcome("alice", create("a"))).toBe(ResultReason.NonUniqueNameAttribute);
      expect(await outcome("alice", importKey("imported", "a"))).toBe(ResultReason.NonUniqueNameAttribute);
      expect(await locateName("alice", "b")).toEqual(["imported"]);
      // The object's own Name is no duplicate of itself.
      expect(await outcome("alice", importKey("imported", "b"))).toBe(ResultStatus.Success);
      // An administrator replacing alice's object is checked against alice's Names, not its own.
      await created("admin", "c");
      expect(await outcome("admin", importKey("imported", "a"))).toBe(ResultReason.NonUniqueNameAttribute);
      expect(await outcome("admin", importKey("imported", "c"))).toBe(ResultStatus.Success);
      expect(await locateName("alice", "c")).toEqual(["imported"]);
      expect(await locateName("alice", "a")).toHaveLength(1);
    });

    it("Modify and Set Attribute may give an object the Name it has; another object's Name is still refused", async () => {
      const key = await created("alice", "same");
      await created("alice", "other");
      const modify = (current: string, next: string) =>
        request(Operation.ModifyAttribute, [
          uid(key),
          ttlv.struct(Tag.CurrentAttribute, [name(current)]),
          ttlv.struct(Tag.NewAttribute, [name(next)]),
        ]);
      const set = (value: string) =>
        request(Operation.SetAttribute, [uid(key), ttlv.struct(Tag.NewAttribute, [name(value)])]);
      expect(await outcome("alice", modify("same", "same"))).toBe(ResultStatus.Success);
      expect(await outcome("alice", set("same"))).toBe(ResultStatus.Success);
      expect(await outcome("alice", modify("same", "other"))).toBe(ResultReason.NonUniqueNameAttribute);
      expect(await outcome("alice", set("other"))).toBe(ResultReason.NonUniqueNameAttribute);
      expect(await locateName("alice", "same")).toEqual([key]);
      // Another of the object's own Names is no free value for this instance: one object holds a Name once.
      expect(await outcome("alice", addName(key, "second"))).toBe(ResultStatus.Success);
      expect(await outcome("alice", modify("same", "second"))).toBe(ResultReason.NonUniqueNameAttribute);
      // Set Attribute works on one instance at most (KMIP 2.1 §6.1.51).
      expect(await outcome("alice", set("third"))).toBe(ResultReason.MultiValuedAttribute);
      // Modify Attribute without Current Attribute picks the only instance, and errs among several (2.1 §6.1.34).
      const modifyOnly = request(Operation.ModifyAttribute, [uid(key), ttlv.struct(Tag.NewAttribute, [name("third")])]);
      expect(await outcome("alice", modifyOnly)).toBe(ResultReason.InvalidField);
      expect(await locateName("alice", "same")).toEqual([key]);
    });

    it("an administrator naming the owner's object waits for the owner's concurrent Create of that Name", async () => {
      const target = await created("alice");
      const elsewhere = await created("alice");
      // alice's Create holds its Name lock until `release`, so the administrator's request runs meanwhile.
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let locked!: () => void;
      const holding = new Promise<void>((r) => {
        locked = r;
      });
      const held = withOverrides(store, {
        transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
          return store.transaction((tx) =>
            fn(
              withOverrides(tx, {
                async lockKey(key: string) {
                  await tx.lockKey(key);
                  locked();
                  await gate;
                },
              }),
            ),
          );
        },
      });
      const slow = new KmipProcessor({ store: held, admins: ["admin"], maxBatchItems: 16 });
      const first = slow.process(create("race"), "alice");
      await holding;
      const second = outcome("admin", addName(target, "race"));
      try {
        if (dialect === "postgres") {
          // Transactions overlap on PostgreSQL: another Name is given meanwhile, but not the one
          // alice's Create holds. (On SQLite the group commit runs write transactions one at a
          // time, so the second would wait whatever its Name: nothing to show about the Name lock.)
          expect(await outcome("admin", addName(elsewhere, "free"))).toBe(ResultStatus.Success);
          const finished = await Promise.race([
            second.then(() => true),
            new Promise<boolean>((r) => setTimeout(() => r(false), 300)),
          ]);
          expect(finished, "the Add Attribute finished while alice's Create held the Name's lock").toBe(false);
        }
      } finally {
        release();
      }
      const firstItem = item(await first);
      expect(req.enum(firstItem, Tag.ResultStatus), opt.text(firstItem, Tag.ResultMessage)).toBe(ResultStatus.Success);
      expect(await second).toBe(ResultReason.NonUniqueNameAttribute);
      expect(await locateName("alice", "race")).toHaveLength(1);
    });
  });
}
