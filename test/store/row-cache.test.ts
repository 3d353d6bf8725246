import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MasterKey } from "../../src/store/master-key.js";
import { migrate } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/open-store.js";
import { ROW_CACHE_ENTRIES, RowCache } from "../../src/store/row-cache.js";
import { createSqliteBackend } from "../../src/store/sqlite/sqlite-backend.js";
import type { Store } from "../../src/store/store.js";

class Boom extends Error {}

/**
 * The SQLite reader's row cache (store/row-cache.ts): whatever was cached, a read outside a
 * transaction returns the committed row as it is now, whoever changed it (this store, or
 * another connection to the same file, as another custos worker is).
 */
describe("SQLite row cache", () => {
  let dir: string;
  let a: Store;
  let b: Store;
  const key = MasterKey.fromBytes(randomBytes(32));
  const material = new Uint8Array(randomBytes(32));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "custos-row-cache-"));
    const path = join(dir, "custos.sqlite");
    a = await openStore({ kind: "sqlite", path }, key);
    b = await openStore({ kind: "sqlite", path }, key);
    await a.insertObject({
      id: "k",
      owner: "alice",
      objectType: 2,
      state: 1,
      attributes: new Uint8Array([1]),
      material,
      index: [],
    });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves a change committed by another connection", async () => {
    const first = await a.getObject("k", { withIndex: false });
    expect(first?.version).toBe(1);
    await b.updateObject("k", 1, { state: 2, attributes: new Uint8Array([7, 7]) });
    const again = await a.getObject("k", { withIndex: false });
    expect(again?.version).toBe(2);
    expect(again?.state).toBe(2);
    expect([...(again?.attributes ?? [])]).toEqual([7, 7]);
  });

  it("serves this store's own committed change, and never a rolled-back one", async () => {
    await a.getObject("k", { withIndex: false });
    await expect(
      a.transaction(async (tx) => {
        await tx.updateObject("k", 1, { state: 3 });
        expect((await tx.getObject("k", { withIndex: false }))?.state).toBe(3);
        throw new Boom();
      }),
    ).rejects.toBeInstanceOf(Boom);
    const afterRollback = await a.getObject("k", { withIndex: false });
    expect(afterRollback?.state).toBe(1);
    expect(afterRollback?.version).toBe(1);
    // The same version number, now committed with other content, is served as stored.
    await a.updateObject("k", 1, { state: 2 });
    const committed = await a.getObject("k", { withIndex: false });
    expect(committed?.state).toBe(2);
    expect(committed?.version).toBe(2);
  });

  it("never serves a write of a transaction still open on the same connection", async () => {
    await a.getObject("k", { withIndex: false }); // cached at version 1
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let updated!: () => void;
    const inside = new Promise<void>((resolve) => {
      updated = resolve;
    });
    const writer = a.transaction(async (tx) => {
      await tx.updateObject("k", 1, { state: 3 });
      updated();
      await held; // the transaction stays open, its update uncommitted
    });
    await inside;
    // A read outside the transaction waits for it, and then sees what it committed.
    const read = a.getObject("k", { withIndex: false });
    const early = await Promise.race([read, new Promise((r) => setTimeout(() => r("waiting"), 50))]);
    expect(early).toBe("waiting");
    release();
    await writer;
    expect((await read)?.state).toBe(3);
  });

  it("opens the sealed value on every record it hands out", async () => {
    const one = await a.getObject("k", { withIndex: false });
    const two = await a.getObject("k", { withIndex: false });
    expect(one).not.toBe(two);
    expect([...(one?.material ?? [])]).toEqual([...material]);
    expect([...(two?.material ?? [])]).toEqual([...material]);
    await b.updateObject("k", 1, { material: null });
    const destroyed = await a.getObject("k", { withIndex: false });
    expect(destroyed?.hasMaterial).toBe(false);
    expect(destroyed?.material).toBeNull();
  });

  it("answers undefined for an id that does not exist, cached or not", async () => {
    expect(await a.getObject("missing")).toBeUndefined();
    expect(await a.getObject("missing", { withIndex: false })).toBeUndefined();
  });

  it("drops the least recently used row beyond its size", () => {
    const cache = new RowCache();
    const row = (id: string) => ({
      id,
      owner: "o",
      object_type: 2,
      state: 1,
      attributes: Buffer.from([1]),
      material: null,
      created_at: 0,
      updated_at: 0,
      version: 1,
    });
    cache.set("first", row("first"));
    cache.set("second", row("second"));
    cache.set("first", row("first"));
    for (let i = 0; i < ROW_CACHE_ENTRIES - 1; i++) cache.set(`k${i}`, row(`k${i}`));
    expect(cache.peek("second")).toBeUndefined();
    expect(cache.peek("first")).toBeDefined();
  });
});

/**
 * The direct version read behind the row cache (SqliteBackend.committedVersion) bypasses the
 * executor's queue, so it must refuse whenever the connection is not free: a batch holding it
 * could have uncommitted writes, or be resetting the log.
 */
describe("SQLite committedVersion", () => {
  it("answers only while no batch holds the connection", async () => {
    const dir = await mkdtemp(join(tmpdir(), "custos-committed-version-"));
    const backend = createSqliteBackend({ path: join(dir, "custos.sqlite") });
    try {
      await migrate(backend.db, backend.flavor, Date.now);
      const version = backend.committedVersion!;
      expect(version("k")).toBeNull();
      let seen: Array<number | null | undefined> = [];
      await backend.transaction(async (db) => {
        seen.push(version("k"));
        await sql`insert into objects (id, owner, object_type, state, attributes, material, created_at, updated_at, version)
                  values ('k', 'alice', 2, 1, x'01', null, 0, 0, 1)`.execute(db);
        seen.push(version("k"));
        await sql`update objects set version = 2 where id = 'k'`.execute(db);
        seen.push(version("k"));
      });
      expect(seen).toEqual([undefined, undefined, undefined]);
      expect(version("k")).toBe(2);
      seen = [];
      await expect(
        backend.transaction(async (db) => {
          await sql`update objects set version = 3 where id = 'k'`.execute(db);
          seen.push(version("k"));
          throw new Boom();
        }),
      ).rejects.toBeInstanceOf(Boom);
      expect(seen).toEqual([undefined]);
      // A failed member is rejected before its batch lets the connection go (one turn later).
      await new Promise((resolve) => setImmediate(resolve));
      expect(version("k")).toBe(2);
    } finally {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
