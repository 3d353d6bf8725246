import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GroupCommit } from "../../src/store/group-commit.js";
import { KyselyStore } from "../../src/store/kysely-store.js";
import { MasterKey } from "../../src/store/master-key.js";
import { migrate } from "../../src/store/migrations.js";
import type { Database } from "../../src/store/schema.js";
import { createSqliteBackend } from "../../src/store/sqlite/sqlite-backend.js";
import type { Durability } from "../../src/store/sqlite/wal-durability.js";
import type { NewObject } from "../../src/store/store.js";

const object = (id: string): NewObject => ({
  id,
  owner: "o",
  objectType: 2,
  state: 1,
  attributes: new Uint8Array(200),
  material: randomBytes(32),
  index: [{ name: "Name", value: id }],
});

describe("SQLite durability off the event loop", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "custos-wal-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("resolves a transaction only after its batch was made durable", async () => {
    const sqlite = new BetterSqlite3(join(dir, "d.db"));
    sqlite.pragma("journal_mode = WAL");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, "sqlite");
    const releases: Array<() => void> = [];
    let flushes = 0;
    let maintained = 0;
    const durability: Durability = {
      flush: () => {
        flushes++;
        return new Promise<void>((r) => {
          releases.push(r);
        });
      },
      maintain: () => {
        maintained++;
        return undefined;
      },
      close: async () => undefined,
    };
    const group = new GroupCommit(db, 256, durability);
    let done = false;
    const p = group.run(async (trx) => {
      await trx.insertInto("schema_version").values({ id: 2, version: 0, updated_at: 0 }).execute();
      return "ok";
    });
    void p.then(() => {
      done = true;
    });
    while (flushes === 0) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    // The next batch may run while the previous one is flushed.
    const q = group.run(async () => "second");
    while (flushes < 2) await new Promise((r) => setImmediate(r));
    releases[0]?.();
    expect(await p).toBe("ok");
    releases[1]?.();
    expect(await q).toBe("second");
    expect(maintained).toBe(2);
    await group.close();
    await db.destroy();
  });

  it("fails every later transaction once a flush failed (fail-stop after an fsync error)", async () => {
    const sqlite = new BetterSqlite3(join(dir, "f.db"));
    sqlite.pragma("journal_mode = WAL");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, "sqlite");
    let calls = 0;
    const durability: Durability = {
      flush: async () => {
        calls++;
        if (calls === 1) throw new Error("EIO: fsync failed");
      },
      maintain: () => undefined,
      close: async () => undefined,
    };
    const group = new GroupCommit(db, 256, durability);
    await expect(group.run(async () => "first")).rejects.toThrow(/EIO/);
    await expect(group.run(async () => "second")).rejects.toThrow(/EIO/);
    await group.close();
    await db.destroy();
  });

  it("checkpoints and truncates the WAL under load and keeps every committed object across a reopen", async () => {
    const path = join(dir, "c.db");
    const key = MasterKey.fromBytes(randomBytes(32));
    const open = async () => {
      const backend = createSqliteBackend({ path, checkpointBytes: 64 * 1024 });
      await migrate(backend.db, backend.flavor);
      return new KyselyStore(backend, key);
    };
    const store = await open();
    // Without checkpoints this load leaves a WAL of several MB (about 4.8 MB measured).
    for (let round = 0; round < 60; round++) {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => store.transaction((tx) => tx.insertObject(object(`o-${round}-${i}`)))),
      );
    }
    // Checkpoints run on their own thread while the writes go on: the log stays bounded
    // (a small multiple of the threshold), not at one exact size.
    const wal = await stat(`${path}-wal`);
    expect(wal.size).toBeLessThan(24 * 64 * 1024);
    expect((await stat(path)).size).toBeGreaterThan(64 * 1024);
    await store.close();
    const again = await open();
    expect(await again.findObjectIds({ limit: 10_000 })).toHaveLength(1800);
    const one = await again.getObject("o-59-29");
    expect(one?.material).toHaveLength(32);
    await again.close();
  });
});
