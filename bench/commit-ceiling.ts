/**
 * Durable-commit ceilings: how many one-row transactions per second the storage under
 * custos commits when they run one after the other, measured with the drivers alone (no
 * Kysely, no custos). custos commits twice per Create+Get pair (Create inserts; every
 * non-query operation, Get included, runs in a write transaction, and the first Get
 * clears Fresh), so a strictly sequential client cannot exceed half of this.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";

/** About the size of one sealed object row (attributes blob + sealed material). */
const ROW_BYTES = 1_500;

/** Sequential commits per second on SQLite with custos's settings (WAL, synchronous=FULL). */
export async function sqliteCommitsPerSecond(ms = 1_000): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "custos-bench-commit-"));
  const db = new BetterSqlite3(join(dir, "commit.db"));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.exec("create table t (id text primary key, v blob not null)");
    const insert = db.prepare("insert into t (id, v) values (?, ?)");
    const row = Buffer.alloc(ROW_BYTES, 7);
    const once = () => {
      db.exec("begin");
      insert.run(randomUUID(), row);
      db.exec("commit");
    };
    for (let i = 0; i < 20; i++) once();
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < ms) {
      once();
      n++;
    }
    return (n * 1000) / (performance.now() - start);
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Sequential commits per second on PostgreSQL (one connection, default synchronous_commit). */
export async function postgresCommitsPerSecond(url: string, ms = 1_000): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("create table bench_commit (id text primary key, v bytea not null)");
    const row = Buffer.alloc(ROW_BYTES, 7);
    const once = async () => {
      await client.query("begin");
      await client.query("insert into bench_commit (id, v) values ($1, $2)", [randomUUID(), row]);
      await client.query("commit");
    };
    for (let i = 0; i < 10; i++) await once();
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < ms) {
      await once();
      n++;
    }
    return (n * 1000) / (performance.now() - start);
  } finally {
    await client.query("drop table if exists bench_commit").catch(() => undefined);
    await client.end();
  }
}
