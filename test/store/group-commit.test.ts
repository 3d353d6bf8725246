import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DirectSql } from "../../src/store/backend.js";
import { DEFAULT_MAX_BATCH, GroupCommit } from "../../src/store/group-commit.js";
import { MasterKey } from "../../src/store/master-key.js";
import { migrate } from "../../src/store/migrations.js";
import { KyselyRepository } from "../../src/store/repository.js";
import type { Database } from "../../src/store/schema.js";
import { SqlTexts } from "../../src/store/sql-texts.js";
import type { NewObject } from "../../src/store/store.js";

/**
 * The SQLite commit strategy on its own, with every COMMIT the database sees counted; once
 * with the batch's own statements (BEGIN, SAVEPOINT, COMMIT...) run through Kysely, once run
 * directly on the connection as the SQLite backend does.
 */
describe.each([
  ["through Kysely", false],
  ["direct on the connection", true],
])("GroupCommit (SQLite), batch statements %s", (_how, viaDirect) => {
  let dir: string;
  let db: Kysely<Database>;
  let sqlite: BetterSqlite3.Database;
  let commits: number;
  /** The COMMITs that went through Kysely's executor. */
  let kyselyCommits: number;
  /** The batch's own statements (BEGIN, SAVEPOINT, RELEASE, ROLLBACK, COMMIT) that went through Kysely. */
  let kyselyControl: number;
  const control = /^(begin immediate|savepoint member|release member|rollback|rollback to member|commit)$/;
  const direct: DirectSql = <R>(text: string, parameters: readonly unknown[]) => {
    if (text === "commit") commits++;
    const statement = sqlite.prepare(text);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    return { rows: [], numAffectedRows: BigInt(statement.run(parameters).changes) };
  };
  const newGroup = (maxBatch = DEFAULT_MAX_BATCH) =>
    new GroupCommit(db, maxBatch, undefined, undefined, viaDirect ? direct : undefined);
  const key = MasterKey.fromBytes(randomBytes(32));
  const object = (id: string): NewObject => ({
    id,
    owner: "o",
    objectType: 2,
    state: 1,
    attributes: new Uint8Array([1]),
    material: new Uint8Array([2]),
    index: [{ name: "Name", value: id }],
  });
  const texts = new SqlTexts("sqlite");
  const repo = (executor: Kysely<Database>) => new KyselyRepository(executor, key, Date.now, texts);
  const ids = async () => (await db.selectFrom("objects").select("id").orderBy("id").execute()).map((r) => r.id);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "custos-gc-"));
    sqlite = new BetterSqlite3(join(dir, "gc.db"));
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level !== "query") return;
        if (control.test(event.query.sql)) kyselyControl++;
        if (event.query.sql === "commit") {
          commits++;
          kyselyCommits++;
        }
      },
    });
    await migrate(db, "sqlite");
    commits = 0;
    kyselyCommits = 0;
    kyselyControl = 0;
  });
  afterEach(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it("commits 40 concurrent transactions with one COMMIT, failing ones rolled back alone", async () => {
    const group = newGroup();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        group.run(async (executor) => {
          await repo(executor).insertObject(object(`o${String(i).padStart(2, "0")}`));
          if (i % 4 === 0) throw new Error(`fail ${i}`);
          return i;
        }),
      ),
    );
    expect(commits).toBe(1);
    expect(kyselyCommits).toBe(viaDirect ? 0 : 1);
    // BEGIN, 40 SAVEPOINTs, 40 RELEASEs, 10 ROLLBACK TOs, COMMIT.
    expect(kyselyControl).toBe(viaDirect ? 0 : 92);
    expect(outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value)).toEqual(
      Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 4 !== 0),
    );
    expect(await ids()).toEqual(
      Array.from({ length: 40 }, (_, i) => `o${String(i).padStart(2, "0")}`).filter((_, i) => i % 4 !== 0),
    );
    const indexed = await db.selectFrom("object_index").select("object_id").orderBy("object_id").execute();
    expect(indexed.map((r) => r.object_id)).toEqual(await ids());
  });

  it("splits batches at maxBatch and lets arrivals during a batch join the next one", async () => {
    const group = newGroup(10);
    await Promise.all(Array.from({ length: 25 }, (_, i) => group.run((e) => repo(e).insertObject(object(`a${i}`)))));
    expect(commits).toBe(3);
    commits = 0;
    let late: Promise<unknown> | undefined;
    await group.run(async (e) => {
      late = group.run((e2) => repo(e2).insertObject(object("late")));
      await repo(e).insertObject(object("early"));
    });
    await late;
    expect(commits).toBe(2);
    expect(await ids()).toContain("late");
  });

  it("rejects every member and keeps nothing when the COMMIT itself fails", async () => {
    const group = newGroup();
    const outcomes = await Promise.allSettled([
      group.run((e) => repo(e).insertObject(object("x1"))),
      group.run(async (e) => {
        // Deferred foreign keys are checked only at COMMIT: this orphan makes it fail.
        await sql`PRAGMA defer_foreign_keys = ON`.execute(e);
        await e
          .insertInto("object_index")
          .values({ object_id: "nobody", position: 0, name: "n", value: "v" })
          .execute();
      }),
      group.run((e) => repo(e).insertObject(object("x3"))),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/i);
    expect(await ids()).toEqual([]);
    await group.run((e) => repo(e).insertObject(object("after")));
    expect(await ids()).toEqual(["after"]);
  });

  it("fails the batch with the member's own error when SQLite has ended the transaction under it", async () => {
    const group = newGroup();
    // A member whose failure made SQLite roll everything back (as SQLITE_FULL does): its
    // savepoint is gone, so ROLLBACK TO fails; every member must hear the real cause.
    const diskFull = async (e: Kysely<Database>) => {
      await sql`rollback`.execute(e);
      throw new Error("disk full");
    };
    const outcomes = await Promise.allSettled([
      group.run((e) => repo(e).insertObject(object("y1"))),
      group.run(diskFull),
      group.run((e) => repo(e).insertObject(object("y3"))),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const o of outcomes) expect(String((o as PromiseRejectedResult).reason)).toMatch(/disk full/);
    // Alone in its batch, the member gets its own error too.
    await expect(group.run(diskFull)).rejects.toThrow(/disk full/);
    expect(await ids()).toEqual([]);
    await group.run((e) => repo(e).insertObject(object("after")));
    expect(await ids()).toEqual(["after"]);
  });

  it("refuses work after close and waits for queued work before closing", async () => {
    const group = newGroup();
    const pending = group.run((e) => repo(e).insertObject(object("queued")));
    await group.close();
    await expect(pending).resolves.toMatchObject({ id: "queued" });
    await expect(group.run(async () => 1)).rejects.toMatchObject({ code: "CUSTOS_STORE_CLOSED" });
  });
});
