/**
 * Test setup shared by every storage test: each test file loops over `dialects` and
 * gets a fresh, private database per test from `createTestDb`.
 *
 * - sqlite: a file in a new temporary directory.
 * - postgres: a uniquely named database (custos_test_<random>) created through the
 *   `postgres` maintenance database on 127.0.0.1:5432 and force-dropped afterwards.
 *   If PostgreSQL is not reachable the tests FAIL (they are never skipped).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { MasterKey } from "../../src/store/master-key.js";
import { type OpenStoreOptions, openStore, type StoreConfig } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";

export type DialectName = "sqlite" | "postgres";
export const dialects: readonly DialectName[] = ["sqlite", "postgres"];

const PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const PG_START_HINT =
  "PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres, trust auth). Start it with:\n" +
  "  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

export interface TestDb {
  readonly dialect: DialectName;
  readonly config: StoreConfig;
  /** Runs raw SQL behind the store's back (to tamper with rows or read raw columns). */
  exec(sql: string): Promise<Record<string, unknown>[]>;
  /** Every byte the database holds that could contain key material: the SQLite file and
   * its WAL, or the raw `material` bytea values on PostgreSQL. */
  rawBytes(): Promise<Uint8Array>;
  destroy(): Promise<void>;
}

export async function createTestDb(dialect: DialectName): Promise<TestDb> {
  return dialect === "sqlite" ? createSqliteDb() : createPostgresDb();
}

/** A fresh database plus a store opened on it with a random master key. */
export async function openTestStore(
  dialect: DialectName,
  options: OpenStoreOptions = {},
  masterKey: MasterKey = MasterKey.fromBytes(randomBytes(32)),
): Promise<{ db: TestDb; store: Store; masterKey: MasterKey; close(): Promise<void> }> {
  const db = await createTestDb(dialect);
  let store: Store;
  try {
    store = await openStore(db.config, masterKey, options);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let closed = false;
  return {
    db,
    store,
    masterKey,
    async close() {
      if (!closed) await store.close();
      closed = true;
      await db.destroy();
    },
  };
}

async function createSqliteDb(): Promise<TestDb> {
  const dir = await mkdtemp(join(tmpdir(), "custos-store-"));
  const path = join(dir, "custos.db");
  const readOptional = async (file: string) => readFile(file).catch(() => Buffer.alloc(0));
  return {
    dialect: "sqlite",
    config: { kind: "sqlite", path },
    async exec(sql) {
      const conn = new BetterSqlite3(path);
      try {
        const stmt = conn.prepare(sql);
        if (stmt.reader) return stmt.all() as Record<string, unknown>[];
        stmt.run();
        return [];
      } finally {
        conn.close();
      }
    },
    async rawBytes() {
      return Buffer.concat([await readOptional(path), await readOptional(`${path}-wal`)]);
    },
    async destroy() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (cause) {
    throw new Error(PG_START_HINT, { cause });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createPostgresDb(): Promise<TestDb> {
  const name = `custos_test_${randomBytes(6).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  const exec = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  return {
    dialect: "postgres",
    config: { kind: "postgres", url, poolSize: 20 },
    exec,
    async rawBytes() {
      const rows = await exec("SELECT material FROM objects WHERE material IS NOT NULL");
      return Buffer.concat(rows.map((r) => r.material as Buffer));
    },
    async destroy() {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** True if `needle` occurs anywhere in `haystack`. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.length).indexOf(needle) !== -1;
}
