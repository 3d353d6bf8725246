import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewObject, ObjectFilter, Store } from "../../src/store/store.js";
import { StoreConflictError } from "../../src/store/store.js";
import { containsBytes, dialects, openTestStore, type TestDb } from "./dialects.js";

function newObject(id: string, overrides: Partial<NewObject> = {}): NewObject {
  return {
    id,
    owner: "alice",
    objectType: 2,
    state: 1,
    attributes: new TextEncoder().encode(`attrs of ${id}`),
    material: new Uint8Array(randomBytes(32)),
    index: [{ name: "Cryptographic Algorithm", value: "AES" }],
    ...overrides,
  };
}

for (const dialect of dialects) {
  describe(`store on ${dialect}`, () => {
    let store: Store;
    let db: TestDb;
    let clock: number;
    let close: () => Promise<void>;

    beforeEach(async () => {
      clock = 1_700_000_000_000;
      const opened = await openTestStore(dialect, { now: () => clock });
      store = opened.store;
      db = opened.db;
      close = opened.close;
    });
    afterEach(async () => {
      await close();
    });

    describe("objects", () => {
      it("inserts and gets an object back unchanged", async () => {
        const obj = newObject("k1", {
          index: [
            { name: "Name", value: "n1" },
            { name: "Object Group", value: "g" },
          ],
        });
        const inserted = await store.insertObject(obj);
        expect(inserted).toEqual({
          ...obj,
          hasMaterial: true,
          materialId: expect.stringMatching(/^[0-9a-f]{24}$/),
          createdAt: clock,
          updatedAt: clock,
          version: 1,
        });
        const got = await store.getObject("k1");
        expect(got).toEqual(inserted);
        expect(got?.material).toEqual(new Uint8Array(obj.material!));
        expect(await store.getObject("missing")).toBeUndefined();
      });

      it("refuses a duplicate id with StoreConflictError", async () => {
        await store.insertObject(newObject("dup"));
        await expect(store.insertObject(newObject("dup", { owner: "mallory" }))).rejects.toBeInstanceOf(
          StoreConflictError,
        );
        expect((await store.getObject("dup"))?.owner).toBe("alice");
      });

      it("updates by version, keeps omitted fields and replaces the index wholesale", async () => {
        const original = await store.insertObject(newObject("u1", { index: [{ name: "A", value: "1" }] }));
        clock += 1_000;
        const material = randomBytes(16);
        const updated = await store.updateObject("u1", 1, { state: 2, material, index: [{ name: "B", value: "2" }] });
        expect(updated).toEqual({
          ...original,
          state: 2,
          material: new Uint8Array(material),
          materialId: expect.stringMatching(/^[0-9a-f]{24}$/),
          index: [{ name: "B", value: "2" }],
          updatedAt: clock,
          version: 2,
        });
        // New material, new seal: its name changes (key caches key on it).
        expect(updated.materialId).not.toBe(original.materialId);
        expect(await store.getObject("u1")).toEqual(updated);
        expect(await store.findObjectIds({ index: [{ name: "A", value: "1" }] })).toEqual([]);

        const destroyed = await store.updateObject("u1", 2, { material: null, owner: "bob" });
        expect(destroyed.material).toBeNull();
        expect(destroyed.owner).toBe("bob");
        expect(destroyed.index).toEqual([{ name: "B", value: "2" }]);
        expect(await store.getObject("u1")).toEqual(destroyed);
      });

      it("withIndex false: an update without an index returns none and keeps the stored one", async () => {
        await store.insertObject(newObject("w1", { index: [{ name: "A", value: "1" }] }));
        const updated = await store.updateObject("w1", 1, { state: 2 }, { withIndex: false });
        expect(updated.index).toEqual([]);
        expect(updated.state).toBe(2);
        expect((await store.getObject("w1"))?.index).toEqual([{ name: "A", value: "1" }]);
        // With an index given, it is written and returned as usual.
        const reindexed = await store.updateObject(
          "w1",
          2,
          { index: [{ name: "B", value: "2" }] },
          { withIndex: false },
        );
        expect(reindexed.index).toEqual([{ name: "B", value: "2" }]);
        expect((await store.getObject("w1"))?.index).toEqual([{ name: "B", value: "2" }]);
      });

      it("throws StoreConflictError on a stale version or a missing object, changing nothing", async () => {
        await store.insertObject(newObject("c1"));
        await store.updateObject("c1", 1, { state: 2 });
        await expect(store.updateObject("c1", 1, { state: 3 })).rejects.toBeInstanceOf(StoreConflictError);
        await expect(store.updateObject("nope", 1, { state: 3 })).rejects.toBeInstanceOf(StoreConflictError);
        const current = await store.getObject("c1");
        expect(current?.state).toBe(2);
        expect(current?.version).toBe(2);
      });

      it("stores key material sealed: the raw database bytes never contain it", async () => {
        const key = randomBytes(32);
        await store.insertObject(newObject("secret", { material: key }));
        const other = randomBytes(32);
        await store.insertObject(newObject("secret2", { material: randomBytes(32) }));
        await store.updateObject("secret2", 1, { material: other });
        const raw = await db.rawBytes();
        expect(raw.length).toBeGreaterThan(0);
        expect(containsBytes(raw, key)).toBe(false);
        expect(containsBytes(raw, other)).toBe(false);
        expect((await store.getObject("secret"))?.material).toEqual(new Uint8Array(key));
        expect((await store.getObject("secret2"))?.material).toEqual(new Uint8Array(other));
        // The control: a plaintext attribute blob IS visible in the same raw bytes (SQLite file).
        if (dialect === "sqlite") expect(containsBytes(raw, new TextEncoder().encode("attrs of secret"))).toBe(true);
      });

      it("refuses to open material moved to another object's row", async () => {
        await store.insertObject(newObject("m1"));
        await store.insertObject(newObject("m2"));
        await db.exec("UPDATE objects SET material = (SELECT material FROM objects WHERE id = 'm1') WHERE id = 'm2'");
        const moved = await store.getObject("m2");
        expect(() => moved?.material).toThrow(/failed authentication/);
        expect((await store.getObject("m1"))?.material?.length).toBe(32);
      });
    });

    describe("findObjects", () => {
      async function seed(): Promise<void> {
        const specs: Array<[string, string, number, number, string[]]> = [
          ["o1", "alice", 2, 1, ["AES", "g1"]],
          ["o2", "alice", 2, 2, ["AES", "g2"]],
          ["o3", "bob", 3, 2, ["RSA", "g1"]],
          ["o4", "bob", 2, 1, ["AES", "g1"]],
          ["o5", "carol", 4, 3, ["RSA", "g2"]],
        ];
        for (const [id, owner, objectType, state, [alg, group]] of specs) {
          clock += 10;
          await store.insertObject(
            newObject(id, {
              owner,
              objectType,
              state,
              index: [
                { name: "Cryptographic Algorithm", value: alg! },
                { name: "Object Group", value: group! },
              ],
            }),
          );
        }
      }
      const t0 = 1_700_000_000_000;
      const cases: Array<[string, ObjectFilter, string[]]> = [
        ["no filter: newest first", {}, ["o5", "o4", "o3", "o2", "o1"]],
        ["owners", { owners: ["alice", "carol"] }, ["o5", "o2", "o1"]],
        ["empty owners match nothing", { owners: [] }, []],
        ["objectTypes", { objectTypes: [3, 4] }, ["o5", "o3"]],
        ["states", { states: [2] }, ["o3", "o2"]],
        ["one index entry", { index: [{ name: "Cryptographic Algorithm", value: "AES" }] }, ["o4", "o2", "o1"]],
        [
          "index entries are ANDed",
          {
            index: [
              { name: "Cryptographic Algorithm", value: "AES" },
              { name: "Object Group", value: "g1" },
            ],
          },
          ["o4", "o1"],
        ],
        ["an entry matches name and value together", { index: [{ name: "Object Group", value: "AES" }] }, []],
        ["createdFrom is inclusive", { createdFrom: t0 + 30 }, ["o5", "o4", "o3"]],
        ["createdTo is inclusive", { createdTo: t0 + 20 }, ["o2", "o1"]],
        ["limit", { limit: 2 }, ["o5", "o4"]],
        ["limit + offset", { limit: 2, offset: 2 }, ["o3", "o2"]],
        ["offset alone", { offset: 3 }, ["o2", "o1"]],
        ["limit 0", { limit: 0 }, []],
        [
          "everything combined",
          { owners: ["alice", "bob"], objectTypes: [2], states: [1], createdFrom: t0 + 10, limit: 5 },
          ["o4", "o1"],
        ],
      ];
      for (const [name, filter, expected] of cases) {
        it(name, async () => {
          await seed();
          expect(await store.findObjectIds(filter)).toEqual(expected);
          const full = await store.findObjects(filter);
          expect(full.map((o) => o.id)).toEqual(expected);
          for (const o of full) expect(o).toEqual(await store.getObject(o.id));
        });
      }

      it("breaks createdAt ties by id, descending", async () => {
        for (const id of ["b", "a", "c"]) await store.insertObject(newObject(id));
        expect(await store.findObjectIds({})).toEqual(["c", "b", "a"]);
        expect(await store.findObjectIds({ limit: 1, offset: 1 })).toEqual(["b"]);
      });
    });

    describe("grants", () => {
      it("adds (idempotently), lists and removes grants", async () => {
        await store.insertObject(newObject("g1"));
        await store.addGrant({ objectId: "g1", grantee: "bob", operation: 10 });
        await store.addGrant({ objectId: "g1", grantee: "bob", operation: 10 });
        await store.addGrant({ objectId: "g1", grantee: "bob", operation: 0 });
        await store.addGrant({ objectId: "g1", grantee: "amy", operation: 3 });
        expect(await store.listGrants("g1")).toEqual([
          { objectId: "g1", grantee: "amy", operation: 3 },
          { objectId: "g1", grantee: "bob", operation: 0 },
          { objectId: "g1", grantee: "bob", operation: 10 },
        ]);
        await store.removeGrant({ objectId: "g1", grantee: "bob", operation: 0 });
        expect(await store.listGrants("g1")).toEqual([
          { objectId: "g1", grantee: "amy", operation: 3 },
          { objectId: "g1", grantee: "bob", operation: 10 },
        ]);
        expect(await store.listGrants("other")).toEqual([]);
      });
    });
  });
}
