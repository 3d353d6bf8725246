import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MasterKey } from "../../src/store/master-key.js";
import { SCHEMA_VERSION } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/open-store.js";
import type { NewObject, Store } from "../../src/store/store.js";
import { StoreConflictError } from "../../src/store/store.js";
import { createTestDb, dialects, openTestStore, type TestDb } from "./dialects.js";

function newObject(id: string): NewObject {
  return {
    id,
    owner: "alice",
    objectType: 2,
    state: 1,
    attributes: new Uint8Array([1, 2, 3]),
    material: new Uint8Array(randomBytes(32)),
    index: [
      { name: "Name", value: id },
      { name: "Object Group", value: "batch" },
    ],
  };
}

class Boom extends Error {}

for (const dialect of dialects) {
  describe(`transactions on ${dialect}`, () => {
    let store: Store;
    let db: TestDb;
    let masterKey: MasterKey;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ store, db, masterKey, close } = await openTestStore(dialect));
    });
    afterEach(async () => {
      await close();
    });

    async function count(table: string): Promise<number> {
      const rows = await db.exec(`SELECT COUNT(*) AS n FROM ${table}`);
      return Number(rows[0]?.n);
    }

    it("returns the value of fn and reads its own writes", async () => {
      const result = await store.transaction(async (tx) => {
        await tx.insertObject(newObject("t1"));
        const inside = await tx.getObject("t1");
        const found = await tx.findObjectIds({ index: [{ name: "Name", value: "t1" }] });
        return { version: inside?.version, found };
      });
      expect(result).toEqual({ version: 1, found: ["t1"] });
    });

    it("rolls back every write when fn throws: nothing is half-written", async () => {
      await store.insertObject(newObject("kept"));
      const error = store.transaction(async (tx) => {
        await tx.insertObject(newObject("gone"));
        await tx.updateObject("kept", 1, { state: 3, index: [] });
        await tx.addGrant({ objectId: "gone", grantee: "bob", operation: 0 });
        await tx.audit({ actor: "alice", action: "kmip.Create", objectId: "gone", details: {} });
        await tx.audit({ actor: "alice", action: "kmip.Activate", objectId: "kept", details: {} });
        throw new Boom("after writing");
      });
      await expect(error).rejects.toBeInstanceOf(Boom);
      expect(await store.getObject("gone")).toBeUndefined();
      const kept = await store.getObject("kept");
      expect(kept?.state).toBe(1);
      expect(kept?.version).toBe(1);
      expect(kept?.index).toHaveLength(2);
      expect(await store.findObjectIds({ index: [{ name: "Name", value: "gone" }] })).toEqual([]);
      expect(await store.listGrants("gone")).toEqual([]);
      expect(await store.listAudit({})).toEqual([]);
      expect(await count("objects")).toBe(1);
      expect(await count("object_index")).toBe(2);
      expect(await count("grants")).toBe(0);
      expect(await count("audit")).toBe(0);
      expect(await count("audit_heads")).toBe(0);
    });

    it("commits exactly the transactions that did not throw among 50 concurrent ones", async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          store.transaction(async (tx) => {
            const id = `obj-${String(i).padStart(2, "0")}`;
            await tx.insertObject(newObject(id));
            await tx.addGrant({ objectId: id, grantee: "bob", operation: 0 });
            await tx.audit({ actor: "alice", action: "kmip.Create", objectId: id, details: { i } });
            await tx.audit({ actor: "alice", action: "batch", objectId: null, details: { i } });
            if (i % 7 === 3) throw new Boom(`tx ${i}`);
            return id;
          }),
        ),
      );
      const expected = outcomes.flatMap((_, i) => (i % 7 === 3 ? [] : [`obj-${String(i).padStart(2, "0")}`]));
      expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(7);
      for (const [i, o] of outcomes.entries()) {
        if (i % 7 === 3) expect(o.status === "rejected" && o.reason instanceof Boom).toBe(true);
        else expect(o).toEqual({ status: "fulfilled", value: `obj-${String(i).padStart(2, "0")}` });
      }
      const committed = await store.findObjectIds({ index: [{ name: "Object Group", value: "batch" }] });
      expect(committed.sort()).toEqual(expected);
      expect(await count("object_index")).toBe(expected.length * 2);
      expect(await count("grants")).toBe(expected.length);
      expect(await count("audit")).toBe(expected.length * 2);
      const detailsOfShared = (await store.listAudit({})).filter((r) => r.objectId === null).map((r) => r.details.i);
      expect(detailsOfShared.sort((a, b) => Number(a) - Number(b))).toEqual(expected.map((id) => Number(id.slice(4))));
      expect(await store.verifyAudit()).toBeUndefined();
    });

    it("lets exactly one of 10 concurrent updates of one version win", async () => {
      await store.insertObject(newObject("race"));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, state) =>
          store.transaction(async (tx) => {
            await tx.audit({ actor: "x", action: "update", objectId: "race", details: { state } });
            return tx.updateObject("race", 1, { state });
          }),
        ),
      );
      const won = outcomes.filter((o) => o.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === "rejected") expect(o.reason).toBeInstanceOf(StoreConflictError);
      }
      const current = await store.getObject("race");
      expect(current?.version).toBe(2);
      expect(await store.listAudit({ objectId: "race" })).toHaveLength(1);
      expect(await store.verifyAudit()).toBeUndefined();
    });

    it("keeps audit chains intact under concurrent writers, and verifies them while they write", async () => {
      let writing = true;
      const verdicts: Array<number | undefined> = [];
      const verifier = (async () => {
        while (writing) {
          verdicts.push(await store.verifyAudit());
          // Yield to the event loop: on SQLite everything else is microtasks, and the
          // group commit starts its batches from a macrotask.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          store.transaction(async (tx) => {
            await tx.audit({ actor: "x", action: "touch", objectId: `hot${i % 3}`, details: { i } });
            await tx.audit({ actor: "x", action: "touch", objectId: null, details: { i } });
          }),
        ),
      );
      writing = false;
      await verifier;
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.filter((v) => v !== undefined)).toEqual([]);
      expect(await store.listAudit({ objectId: "hot0" })).toHaveLength(20);
      expect(await store.verifyAudit()).toBeUndefined();
    });

    // PostgreSQL: three nodes starting at once. SQLite: one file belongs to one process
    // (better-sqlite3 blocks the thread while waiting for a lock), so the stores open in turn.
    it("migrates a fresh database exactly once when three stores open it", async () => {
      const fresh = await createTestDb(dialect);
      try {
        const open = () => openStore(fresh.config, masterKey);
        const stores =
          dialect === "postgres"
            ? await Promise.all([open(), open(), open()])
            : [await open(), await open(), await open()];
        await stores[0]!.insertObject(newObject("m"));
        expect((await stores[2]!.getObject("m"))?.id).toBe("m");
        await Promise.all(stores.map((s) => s.close()));
        const reopened = await openStore(fresh.config, masterKey);
        expect((await reopened.getObject("m"))?.id).toBe("m");
        await reopened.close();
        const versions = await fresh.exec("SELECT version FROM schema_version");
        expect(versions.map((r) => Number(r.version))).toEqual([SCHEMA_VERSION]);
      } finally {
        await fresh.destroy();
      }
    });

    it("fails to open material with another master key", async () => {
      await store.insertObject(newObject("k"));
      const other = await openStore(db.config, MasterKey.fromBytes(randomBytes(32)));
      try {
        // The record is read; its material is unsealed (and refused) when first used.
        const record = await other.getObject("k");
        expect(record?.hasMaterial).toBe(true);
        expect(() => record?.material).toThrow(/failed authentication/);
      } finally {
        await other.close();
      }
    });
  });
}
