import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { StoreBackend } from "../backend.js";
import { StoreError, StoreErrorCode } from "../errors.js";
import type { Database } from "../schema.js";

export interface PostgresBackendConfig {
  /** postgres://user@host:port/database */
  readonly url: string;
  readonly poolSize?: number;
  /** Attempts of one transaction when it hits a serialization failure or deadlock. */
  readonly maxAttempts?: number;
}

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_MAX_ATTEMPTS = 8;
/** serialization_failure and deadlock_detected: the transaction did nothing and may be rerun. */
const RETRYABLE_CODES = new Set(["40001", "40P01"]);
/** OID of int8 (bigint, bigserial): parsed as a JS number; every such column (ms timestamps, seq) fits in 2^53. */
const INT8_OID = 20;

/**
 * PostgreSQL through a pg pool: every transaction is a real database transaction on a
 * pooled connection (READ COMMITTED), rerun with jittered backoff on serialization
 * failures and deadlocks. Concurrent commits already share WAL flushes in PostgreSQL,
 * so no group commit is needed here. Uses no advisory locks or LISTEN/NOTIFY, to stay
 * portable to PostgreSQL-protocol engines (CockroachDB, YugabyteDB).
 */
export function createPostgresBackend(config: PostgresBackendConfig): StoreBackend {
  const frozen = Object.freeze({ ...config });
  const pool = new pg.Pool({
    connectionString: frozen.url,
    max: frozen.poolSize ?? DEFAULT_POOL_SIZE,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID && format !== "binary"
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection that breaks (server restart, failover) is dropped by the
  // pool and replaced on next use; without a listener its error would crash the process.
  pool.on("error", () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const maxAttempts = frozen.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  return {
    flavor: "postgres",
    db,
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(fn);
        } catch (error) {
          if (!isRetryable(error)) throw error;
          if (attempt >= maxAttempts) {
            throw new StoreError(
              StoreErrorCode.RetriesExhausted,
              `transaction failed after ${attempt} attempts with serialization failures`,
              { cause: error },
            );
          }
          await sleep(Math.random() * 2 ** attempt * 5);
        }
      }
    },
    snapshot: (fn) => db.transaction().setIsolationLevel("repeatable read").execute(fn),
    async close() {
      // pool.end() resolves before the sockets are closed; wait for every connection
      // to be gone so that nothing of this store outlives close().
      const open = pool.totalCount;
      let removed = 0;
      const allRemoved = new Promise<void>((resolve) => {
        if (open === 0) resolve();
        pool.on("remove", () => {
          if (++removed >= open) resolve();
        });
      });
      await db.destroy();
      await allRemoved;
    },
  };
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && RETRYABLE_CODES.has(code);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
