import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditHash, GENESIS_HASH } from "../../src/store/audit-chain.js";
import type { Store } from "../../src/store/store.js";
import { dialects, openTestStore, type TestDb } from "./dialects.js";

for (const dialect of dialects) {
  describe(`audit on ${dialect}`, () => {
    let store: Store;
    let db: TestDb;
    let clock: number;
    let close: () => Promise<void>;

    beforeEach(async () => {
      clock = 1_700_000_000_000;
      const opened = await openTestStore(dialect, { now: () => clock++ });
      ({ store, db, close } = opened);
    });
    afterEach(async () => {
      await close();
    });

    /** a, b, null, a, b, a: three interleaved chains. */
    async function seed(): Promise<void> {
      const ids = ["a", "b", null, "a", "b", "a"];
      for (const [n, objectId] of ids.entries()) {
        await store.audit({ actor: "alice", action: `act${n}`, objectId, details: { n, z: 1, a: [true, "x"] } });
      }
    }

    it("stores records with per-object hash chains", async () => {
      await seed();
      const all = await store.listAudit({});
      expect(all.map((r) => r.action)).toEqual(["act0", "act1", "act2", "act3", "act4", "act5"]);
      expect(all.map((r) => r.objectId)).toEqual(["a", "b", null, "a", "b", "a"]);
      expect(all[0]?.details).toEqual({ n: 0, z: 1, a: [true, "x"] });
      const lastHash = new Map<string, string>();
      for (const r of all) {
        const chain = r.objectId ?? "";
        expect(r.prevHash).toBe(lastHash.get(chain) ?? GENESIS_HASH);
        const detailsJson = `{"a":[true,"x"],"n":${(r.details as { n: number }).n},"z":1}`;
        expect(r.hash).toBe(auditHash(r.prevHash, { ...r, detailsJson }));
        lastHash.set(chain, r.hash);
      }
      expect(new Set(all.map((r) => r.seq)).size).toBe(6);
      expect(await store.verifyAudit()).toBeUndefined();
    });

    it("lists by object, after a seq, with a limit", async () => {
      await seed();
      const all = await store.listAudit({});
      const seqs = all.map((r) => r.seq);
      expect((await store.listAudit({ objectId: "a" })).map((r) => r.action)).toEqual(["act0", "act3", "act5"]);
      expect((await store.listAudit({ afterSeq: seqs[2]! })).map((r) => r.action)).toEqual(["act3", "act4", "act5"]);
      expect((await store.listAudit({ afterSeq: seqs[0]!, limit: 2 })).map((r) => r.action)).toEqual(["act1", "act2"]);
      expect(await store.listAudit({ objectId: "nobody" })).toEqual([]);
    });

    it("detects modified details", async () => {
      await seed();
      const seqs = (await store.listAudit({})).map((r) => r.seq);
      await db.exec(`UPDATE audit SET details = '{"a":[true,"x"],"n":99,"z":1}' WHERE seq = ${seqs[3]}`);
      expect(await store.verifyAudit()).toBe(seqs[3]);
    });

    it("detects a modified actor and a recomputed hash that breaks the link", async () => {
      await seed();
      const seqs = (await store.listAudit({})).map((r) => r.seq);
      await db.exec(`UPDATE audit SET actor = 'mallory' WHERE seq = ${seqs[4]}`);
      expect(await store.verifyAudit()).toBe(seqs[4]);
      // Re-hashing the tampered record alone is not enough: the next record no longer links.
      await db.exec(`UPDATE audit SET actor = 'alice' WHERE seq = ${seqs[4]}`);
      expect(await store.verifyAudit()).toBeUndefined();
      await db.exec(`UPDATE audit SET hash = '${"ab".repeat(32)}' WHERE seq = ${seqs[0]}`);
      expect(await store.verifyAudit()).toBe(seqs[0]);
    });

    it("detects a deleted record in the middle and at the end of a chain", async () => {
      await seed();
      const seqs = (await store.listAudit({})).map((r) => r.seq);
      await db.exec(`DELETE FROM audit WHERE seq = ${seqs[5]}`);
      expect(await store.verifyAudit()).toBe(seqs[5]);
      await db.exec(`DELETE FROM audit WHERE seq = ${seqs[1]}`);
      expect(await store.verifyAudit()).toBe(seqs[4]);
    });

    it("detects a record moved to another chain", async () => {
      await seed();
      const seqs = (await store.listAudit({})).map((r) => r.seq);
      await db.exec(`UPDATE audit SET object_id = 'b' WHERE seq = ${seqs[5]}`);
      expect(await store.verifyAudit()).toBe(seqs[5]);
    });

    it("hashes details canonically: key order does not matter", async () => {
      await store.audit({ actor: "x", action: "y", objectId: null, details: { b: 1, a: { d: 2, c: 3 } } });
      const [record] = await store.listAudit({});
      const canonical = '{"a":{"c":3,"d":2},"b":1}';
      expect(record?.hash).toBe(auditHash(GENESIS_HASH, { ...record!, detailsJson: canonical }));
      const raw = await db.exec("SELECT details FROM audit");
      expect(raw[0]?.details).toBe(canonical);
    });
  });
}
