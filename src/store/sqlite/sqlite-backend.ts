import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, Kysely, type QueryResult, SqliteDialect } from "kysely";
import type { DirectSql, StoreBackend } from "../backend.js";
import { DEFAULT_MAX_BATCH, GroupCommit, isBusy } from "../group-commit.js";
import type { Database } from "../schema.js";
import { withStatementCache } from "./statement-cache.js";
import { WalDurability } from "./wal-durability.js";

export interface SqliteBackendConfig {
  /** Database file; its directory is created if missing. */
  readonly path: string;
  /** How long a writer waits for another process holding the write lock. */
  readonly busyTimeoutMs?: number;
  /** Most transactions sharing one commit. */
  readonly maxBatch?: number;
  /** WAL size that triggers a checkpoint (default CHECKPOINT_WAL_BYTES). */
  readonly checkpointBytes?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
/** SQLite page cache per connection, KiB. */
const PAGE_CACHE_KIB = 64 * 1024;

/**
 * SQLite through better-sqlite3: one connection, WAL journal, foreign keys on. Every
 * transaction is durable before it is reported done: the WAL is fsynced after COMMIT on
 * libuv's thread pool (WalDurability, equivalent to synchronous=FULL without blocking the
 * event loop). Transactions go through {@link GroupCommit} so concurrent callers share fsyncs.
 * Several custos processes (workers) may open the same file: SQLite's locks order their
 * writes, and a batch that finds the write lock taken waits on a timer, not on the event loop.
 */
export function createSqliteBackend(config: SqliteBackendConfig): StoreBackend {
  const frozen = Object.freeze({ ...config });
  const busyTimeoutMs = Math.trunc(frozen.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  mkdirSync(dirname(frozen.path), { recursive: true });
  const sqlite = new BetterSqlite3(frozen.path);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("temp_store = MEMORY");
    // Keep the hot part of a large key store in SQLite's own page cache (default 2 MiB).
    sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  // What Kysely's SqliteDriver does per query, minus its connection mutex and promises: a
  // batch member holds the one connection while it runs, so its statements need neither.
  const direct: DirectSql = <R>(text: string, parameters: readonly unknown[]): QueryResult<R> => {
    const statement = statements.prepare(text);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  };
  const durability = new WalDurability(sqlite, frozen.path, frozen.checkpointBytes, busyTimeoutMs);
  const group = new GroupCommit(
    db,
    frozen.maxBatch ?? DEFAULT_MAX_BATCH,
    durability,
    {
      nonBlocking: CompiledQuery.raw("pragma busy_timeout = 0"),
      blocking: CompiledQuery.raw(`pragma busy_timeout = ${busyTimeoutMs}`),
      maxWaitMs: busyTimeoutMs,
    },
    direct,
  );
  let versionStatement: BetterSqlite3.Statement<[string], number> | undefined;
  return {
    flavor: "sqlite",
    db,
    committedVersion(id) {
      // Outside a transaction a statement runs in its own read transaction: it sees committed
      // rows only. While a batch holds the connection (its checkpoint step, BEGIN, its members
      // between their awaits) or any transaction is open on it, refuse: such reads wait.
      if (group.holdsConnection || sqlite.inTransaction) return undefined;
      versionStatement ??= sqlite.prepare<[string], number>("select version from objects where id = ?").pluck();
      let version: number | undefined;
      try {
        version = versionStatement.get(id);
      } catch (error) {
        // Another connection in the way (a checkpoint resetting the log, recovery): let the
        // read wait its turn through `db`.
        if (isBusy(error)) return undefined;
        throw error;
      }
      return version === undefined ? null : Number(version);
    },
    transaction: (fn) => group.run(fn),
    snapshot: (fn) => db.transaction().execute(fn),
    async close() {
      await group.close();
      await durability.close();
      await db.destroy();
    },
  };
}
