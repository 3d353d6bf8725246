import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewObject, ObjectFilter, Store } from "../../src/store/store.js";
import { dialects, openTestStore } from "./dialects.js";

function newObject(id: string, overrides: Partial<NewObject> = {}): NewObject {
  return {
    id,
    owner: "alice",
    objectType: 2,
    state: 1,
    attributes: new TextEncoder().encode(`attrs of ${id}`),
    material: null,
    index: [{ name: "Object Group", value: "all" }],
    ...overrides,
  };
}

for (const dialect of dialects) {
  describe(`countObjects, the id filter and the keyset cursor on ${dialect}`, () => {
    let store: Store;
    let clock: number;
    let close: () => Promise<void>;
    /** Every seeded id, newest first: (createdAt desc, id desc). */
    let newestFirst: string[];

    beforeEach(async () => {
      clock = 1_700_000_000_000;
      const opened = await openTestStore(dialect, { now: () => clock });
      store = opened.store;
      close = opened.close;
      // 60 objects over 7 distinct timestamps, so that many share a createdAt and the cursor
      // must break ties by id; ids inserted in a shuffled order.
      const seeded: Array<{ id: string; createdAt: number }> = [];
      await store.transaction(async (tx) => {
        for (let i = 0; i < 60; i++) {
          const id = `k${String((i * 37) % 60).padStart(2, "0")}`;
          clock = 1_700_000_000_000 + (i % 7) * 10;
          await tx.insertObject(
            newObject(id, {
              owner: i % 3 === 0 ? "bob" : "alice",
              state: i % 2 === 0 ? 1 : 2,
              index: [
                { name: "Object Group", value: "all" },
                { name: "Name", value: i % 5 === 0 ? "five" : "other" },
              ],
            }),
          );
          seeded.push({ id, createdAt: clock });
        }
        await tx.addGrant({ objectId: "k00", grantee: "carol", operation: 0 });
      });
      newestFirst = seeded
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .map((o) => o.id);
    });
    afterEach(async () => {
      await close();
    });

    it("counts what findObjectIds finds, ignoring limit and offset", async () => {
      const filters: ObjectFilter[] = [
        {},
        { owners: ["bob"] },
        { owners: ["carol"], grantee: "carol" },
        { owners: [] },
        { states: [2] },
        { states: [] },
        { index: [{ name: "Name", value: "five" }] },
        { owners: ["alice"], states: [1], index: [{ name: "Object Group", value: "all" }] },
        { createdFrom: 1_700_000_000_020, createdTo: 1_700_000_000_040 },
        { id: "k07" },
        { id: "k07", owners: ["nobody"] },
        { id: "missing" },
      ];
      for (const filter of filters) {
        const all = await store.findObjectIds(filter);
        expect(await store.countObjects(filter), JSON.stringify(filter)).toBe(all.length);
        expect(await store.countObjects({ ...filter, limit: 3, offset: 2 })).toBe(all.length);
        expect(await store.transaction((tx) => tx.countObjects(filter))).toBe(all.length);
      }
      expect(await store.countObjects({})).toBe(60);
      expect(await store.countObjects({ owners: ["bob"] })).toBe(20);
      expect(await store.countObjects({ owners: ["carol"], grantee: "carol" })).toBe(1);
      expect(await store.countObjects({ limit: 0 })).toBe(60);
    });

    it("finds one object by id, under the other conditions", async () => {
      expect(await store.findObjectIds({ id: "k07" })).toEqual(["k07"]);
      const owner = (await store.getObject("k07"))?.owner;
      expect(await store.findObjectIds({ id: "k07", owners: [owner ?? ""] })).toEqual(["k07"]);
      expect(await store.findObjectIds({ id: "k07", owners: ["carol"], grantee: "carol" })).toEqual([]);
      expect(await store.findObjectIds({ id: "k00", owners: ["carol"], grantee: "carol" })).toEqual(["k00"]);
      expect(await store.findObjectIds({ id: "missing" })).toEqual([]);
    });

    it("walks every object newest first with the cursor, ties broken by id", async () => {
      for (const chunk of [1, 7, 13, 60, 100]) {
        const walked: string[] = [];
        let before: ObjectFilter["before"];
        for (;;) {
          const page = await store.findObjects({ ...(before ? { before } : {}), limit: chunk });
          walked.push(...page.map((r) => r.id));
          const last = page[page.length - 1];
          if (last === undefined || page.length < chunk) break;
          before = { createdAt: last.createdAt, id: last.id };
        }
        expect(walked, `chunk ${chunk}`).toEqual(newestFirst);
      }
    });

    it("starts strictly after the cursor and combines with the other conditions", async () => {
      const all = await store.findObjects({});
      const pivot = all[25];
      if (pivot === undefined) throw new Error("seed too small");
      const before = { createdAt: pivot.createdAt, id: pivot.id };
      expect(await store.findObjectIds({ before })).toEqual(newestFirst.slice(26));
      expect(await store.countObjects({ before })).toBe(34);
      const bobs = all.slice(26).filter((r) => r.owner === "bob");
      expect(await store.findObjectIds({ before, owners: ["bob"] })).toEqual(bobs.map((r) => r.id));
      // A cursor between two ids of one timestamp: only the smaller ids of that timestamp follow.
      expect(await store.findObjectIds({ before: { createdAt: pivot.createdAt, id: `${pivot.id}5` } })).toEqual(
        newestFirst.slice(25),
      );
      expect(await store.findObjectIds({ before: { createdAt: 0, id: "" } })).toEqual([]);
    });
  });
}
