import type { Kysely, QueryResult } from "kysely";
import type { Database, SqlFlavor } from "./schema.js";

/**
 * Runs one prepared SQL text with `?` placeholders at once on the connection a transaction
 * holds, without going through Kysely's executor (its connection hand-over cost about 1.5-2.5
 * µs per statement, more than SQLite's own work for most of the store's statements). Only
 * valid while that transaction runs.
 */
export type DirectSql = <R>(text: string, parameters: readonly unknown[]) => QueryResult<R>;

/**
 * What a dialect provides to the one store implementation: a Kysely instance and its
 * way of committing. Every dialect folder (./sqlite, ./postgres) exports one factory
 * of this shape; the business logic (./repository.ts) never knows which one it runs on.
 */
export interface StoreBackend {
  readonly flavor: SqlFlavor;
  /** Autocommit executor, for reads outside transactions and for migrations. */
  readonly db: Kysely<Database>;
  /**
   * Runs `fn` as one atomic unit of work: its writes commit together or not at all.
   * SQLite shares one durable commit among concurrent callers (group commit);
   * PostgreSQL reruns `fn` after a serialization failure, so `fn` must be safe to rerun.
   */
  transaction<T>(fn: (db: Kysely<Database>, direct?: DirectSql) => Promise<T>): Promise<T>;
  /**
   * Runs read-only `fn` on one consistent snapshot (PostgreSQL: REPEATABLE READ; SQLite:
   * one read transaction on its single connection, so writers wait until `fn` is done).
   */
  snapshot<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Optional, for a single in-process connection (SQLite): the committed version of object
   * `id` read at once, without the executor's queueing (null: no such object), or undefined
   * while a transaction or a group-commit batch holds the connection, or another connection is
   * in the way (uncommitted writes must not be seen; read through `db` then, which waits its
   * turn). Serves the row cache's version checks.
   */
  readonly committedVersion?: (id: string) => number | null | undefined;
  /** Waits for work in flight, then releases the connection(s). */
  close(): Promise<void>;
}
