import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoreBackend } from "../../src/store/backend.js";
import { MasterKey } from "../../src/store/master-key.js";
import { migrate } from "../../src/store/migrations.js";
import { KyselyRepository } from "../../src/store/repository.js";
import { SqlTexts } from "../../src/store/sql-texts.js";
import { createSqliteBackend } from "../../src/store/sqlite/sqlite-backend.js";
import type { NewObject } from "../../src/store/store.js";

/**
 * Two SQLite backends on one file, as two custos worker processes have: their group
 * commits take turns on the write lock, and one that finds the lock taken waits on a
 * timer instead of sleeping inside SQLite (which would stop the event loop, and here, with
 * both backends in one process, the holder too: the test would then stall for the whole
 * busy timeout and fail with SQLITE_BUSY).
 */
describe("SQLite shared by two connections (custos workers)", () => {
  let dir: string;
  let a: StoreBackend;
  let b: StoreBackend;
  const key = MasterKey.fromBytes(randomBytes(32));
  const texts = new SqlTexts("sqlite");
  const object = (id: string): NewObject => ({
    id,
    owner: "o",
    objectType: 2,
    state: 1,
    attributes: new Uint8Array([1]),
    material: new Uint8Array([2]),
    index: [{ name: "Name", value: id }],
  });
  const insert = (backend: StoreBackend, id: string) =>
    backend.transaction((db) => new KyselyRepository(db, key, Date.now, texts).insertObject(object(id)));

  /**
   * Opens a transaction on `backend` that inserts "held" and stays open (holding SQLite's
   * write lock) until `release()`; resolves once the lock is taken.
   */
  async function holdWriteLock(backend: StoreBackend): Promise<{ done: Promise<string>; release: () => void }> {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding: () => void = () => {};
    const lockTaken = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const done = backend.transaction(async (db) => {
      await new KyselyRepository(db, key, Date.now, texts).insertObject(object("held"));
      holding();
      await held;
      return "held";
    });
    await lockTaken;
    return { done, release };
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "custos-procs-"));
    const path = join(dir, "shared.db");
    a = createSqliteBackend({ path, busyTimeoutMs: 5_000 });
    await migrate(a.db, "sqlite");
    b = createSqliteBackend({ path, busyTimeoutMs: 5_000 });
    await migrate(b.db, "sqlite");
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("queues a writer behind another connection's open transaction without blocking the event loop", async () => {
    const { done: slow, release } = await holdWriteLock(a);
    const started = performance.now();
    const waiting = Promise.all(Array.from({ length: 20 }, (_, i) => insert(b, `b${i}`)));
    // The event loop keeps turning while b waits for the lock: timers fire on time.
    const tick = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(performance.now() - tick).toBeLessThan(500);
    release();
    await expect(slow).resolves.toBe("held");
    await expect(waiting).resolves.toHaveLength(20);
    expect(performance.now() - started).toBeLessThan(2_000);
    const rows = await a.db.selectFrom("objects").select("id").execute();
    expect(rows.map((r) => r.id).sort()).toEqual(["held", ...Array.from({ length: 20 }, (_, i) => `b${i}`)].sort());
  });

  it("fails a waiting writer with SQLITE_BUSY after the busy timeout, then recovers", async () => {
    const path = join(dir, "stuck.db");
    const holder = createSqliteBackend({ path, busyTimeoutMs: 300 });
    await migrate(holder.db, "sqlite");
    const waiter = createSqliteBackend({ path, busyTimeoutMs: 300 });
    await migrate(waiter.db, "sqlite");
    try {
      const { done: stuck, release } = await holdWriteLock(holder);
      const started = performance.now();
      await expect(insert(waiter, "late")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(280);
      expect(waited).toBeLessThan(3_000);
      release();
      await stuck;
      await expect(insert(waiter, "later")).resolves.toMatchObject({ id: "later" });
    } finally {
      await holder.close();
      await waiter.close();
    }
  });

  it("interleaves concurrent writers of both connections with every transaction kept", async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => insert(i % 2 === 0 ? a : b, `${i % 2 === 0 ? "a" : "b"}${i}`)),
    );
    const count = await b.db
      .selectFrom("objects")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(60);
    const indexRows = await a.db
      .selectFrom("object_index")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(indexRows.n)).toBe(60);
  });
});
