import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { StoreBackend } from "../backend.js";
import { DEFAULT_MAX_BATCH, GroupCommit } from "../group-commit.js";
import type { Database } from "../schema.js";
import { withStatementCache } from "./statement-cache.js";

export interface SqliteBackendConfig {
  /** Database file; its directory is created if missing. */
  readonly path: string;
  /** How long a writer waits for another process holding the write lock. */
  readonly busyTimeoutMs?: number;
  /** Most transactions sharing one commit. */
  readonly maxBatch?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * SQLite through better-sqlite3: one connection, WAL journal with synchronous=FULL
 * (every COMMIT is durable: the WAL is fsynced before COMMIT returns), foreign keys on.
 * Transactions go through {@link GroupCommit} so that concurrent callers share fsyncs.
 */
export function createSqliteBackend(config: SqliteBackendConfig): StoreBackend {
  const frozen = Object.freeze({ ...config });
  mkdirSync(dirname(frozen.path), { recursive: true });
  const sqlite = new BetterSqlite3(frozen.path);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma(`busy_timeout = ${Math.trunc(frozen.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS)}`);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const group = new GroupCommit(db, frozen.maxBatch ?? DEFAULT_MAX_BATCH);
  return {
    flavor: "sqlite",
    db,
    transaction: (fn) => group.run(fn),
    snapshot: (fn) => db.transaction().execute(fn),
    async close() {
      await group.close();
      await db.destroy();
    },
  };
}
