import { CompiledQuery, type Kysely } from "kysely";
import type { DirectSql } from "./backend.js";
import { StoreError, StoreErrorCode } from "./errors.js";
import type { Database } from "./schema.js";
import type { Durability } from "./sqlite/wal-durability.js";

/** Most transactions sharing one commit: bounds the latency a batch adds to its first member. */
export const DEFAULT_MAX_BATCH = 256;

/** Longest wait between two attempts to take the write lock from another process. */
const MAX_LOCK_RETRY_MS = 8;

/** The statements a batch runs, compiled once. */
const BEGIN = CompiledQuery.raw("begin immediate");
const COMMIT = CompiledQuery.raw("commit");
const ROLLBACK = CompiledQuery.raw("rollback");
const SAVEPOINT = CompiledQuery.raw("savepoint member");
const RELEASE = CompiledQuery.raw("release member");
const ROLLBACK_TO = CompiledQuery.raw("rollback to member");

/** SQLITE_BUSY or one of its extended codes: another connection (another custos process on the same file) is in the way. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * How a batch takes SQLite's write lock: `BEGIN IMMEDIATE` (never a deferred BEGIN, whose
 * later upgrade to a writer can fail with SQLITE_BUSY_SNAPSHOT when another process wrote
 * meanwhile). `nonBlocking` runs before it and `blocking` after it: the SQLite backend
 * sets busy_timeout to 0 around BEGIN so that a lock held by another process fails fast
 * instead of sleeping on the event loop; the batch is then retried after a short timer
 * while this process keeps serving.
 */
export interface WriteLockStatements {
  readonly nonBlocking: CompiledQuery;
  readonly blocking: CompiledQuery;
  /** How long a batch keeps retrying before its members fail with SQLITE_BUSY (the busy timeout). */
  readonly maxWaitMs: number;
}

interface Pending {
  readonly fn: (db: Kysely<Database>, direct?: DirectSql) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * Group commit for a single-connection database (SQLite under WAL, synchronous=FULL,
 * where every COMMIT costs one fsync). Several processes may share the file (custos
 * workers): each has its own GroupCommit, and batches of different processes take turns
 * on SQLite's write lock (see {@link WriteLockStatements}).
 *
 * Transactions are queued; a batch starts on the next turn of the event loop (so every
 * caller that arrived in the meantime, including those woken by the previous commit,
 * joins it) and runs its members one after the other inside ONE outer transaction, each
 * inside its own SAVEPOINT. A member that throws is rolled back to its savepoint and
 * rejected alone; the others are resolved only after the outer COMMIT has returned,
 * i.e. once their writes are durable. If the COMMIT itself fails, every member that had
 * succeeded is rejected with that error and nothing of the batch is kept.
 *
 * Members of a batch see the (not yet durable) writes of earlier members; that is safe
 * because they commit, or fail, together with them. A member must not call back into
 * the store's own `transaction()` (it would wait for its own batch), and should not
 * wait on slow outside I/O: the whole batch, and SQLite's write lock, wait with it.
 */
export class GroupCommit {
  readonly #db: Kysely<Database>;
  readonly #maxBatch: number;
  #queue: Pending[] = [];
  #scheduled = false;
  #running: Promise<void> | undefined;
  #closed = false;

  readonly #durable: Durability | undefined;
  #inFlight = new Set<Promise<void>>();
  /**
   * Set by the first failed flush. After an fsync error the kernel may report later fsyncs as
   * successful although the failed pages are gone, so nothing after it can be called durable:
   * the store fails every later transaction (fail-stop, as PostgreSQL does) until restarted.
   */
  #broken: unknown;
  readonly #lock: WriteLockStatements | undefined;
  readonly #direct: DirectSql | undefined;
  #lockRetries = 0;
  /** When the current run of SQLITE_BUSY answers began. */
  #busySince: number | undefined;

  /**
   * `durable`, when given, makes a COMMIT durable after it returned (the SQLite backend
   * fsyncs the WAL on libuv's thread pool, see WalDurability). The next batch may then execute while the
   * previous one is being flushed; members are resolved only once their batch is durable.
   */
  constructor(
    db: Kysely<Database>,
    maxBatch: number = DEFAULT_MAX_BATCH,
    durable?: Durability,
    lock?: WriteLockStatements,
    direct?: DirectSql,
  ) {
    this.#db = db;
    this.#maxBatch = maxBatch;
    this.#durable = durable;
    this.#lock = lock;
    this.#direct = direct;
  }

  /**
   * Whether a batch holds the connection now: from its checkpoint step and BEGIN to its COMMIT
   * or ROLLBACK. Reads that bypass the executor's queue must not run meanwhile.
   */
  get holdsConnection(): boolean {
    return this.#running !== undefined;
  }

  /** `fn` gets the batch's connection, and `direct` (the constructor's) to run statements on it at once. */
  run<T>(fn: (db: Kysely<Database>, direct?: DirectSql) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreError(StoreErrorCode.Closed, "store is closed"));
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /** Refuses new work and waits until everything queued has committed or failed. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#running || this.#scheduled || this.#queue.length > 0) {
      await (this.#running ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
    await Promise.allSettled([...this.#inFlight]);
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    const start = () => {
      this.#scheduled = false;
      const batch = this.#queue.splice(0, this.#maxBatch);
      this.#running = this.#db
        .connection()
        .execute((conn) => this.#runBatch(conn, batch))
        .catch((error: unknown) => {
          for (const p of batch) p.reject(error);
        })
        .finally(() => {
          this.#running = undefined;
          if (this.#queue.length > 0) this.#schedule();
        });
    };
    // After SQLITE_BUSY, back off 1, 2, 4, 8, 8, ... ms; otherwise start on the next turn.
    if (this.#lockRetries === 0) setImmediate(start);
    else setTimeout(start, Math.min(MAX_LOCK_RETRY_MS, 2 ** (this.#lockRetries - 1)));
  }

  /**
   * Runs one of the batch's own statements (BEGIN, SAVEPOINT, COMMIT, the busy_timeout
   * pragmas) on the connection the batch holds: at once through `direct` where the backend
   * has it (SQLite), otherwise through Kysely. A failure throws synchronously from `direct`.
   */
  #control(conn: Kysely<Database>, query: CompiledQuery): Promise<unknown> | undefined {
    if (this.#direct === undefined) return conn.executeQuery(query);
    this.#direct(query.sql, query.parameters);
    return undefined;
  }

  /** BEGIN IMMEDIATE; false (nothing started) if another process holds the write lock. */
  async #begin(conn: Kysely<Database>): Promise<boolean> {
    if (this.#lock === undefined) {
      await this.#control(conn, BEGIN);
      return true;
    }
    await this.#control(conn, this.#lock.nonBlocking);
    try {
      await this.#control(conn, BEGIN);
      this.#lockRetries = 0;
      this.#busySince = undefined;
      return true;
    } catch (error) {
      if (!isBusy(error)) throw error;
      const now = performance.now();
      this.#busySince ??= now;
      if (now - this.#busySince > this.#lock.maxWaitMs) {
        // Held longer than the busy timeout (another process stuck in a transaction): fail
        // this batch as a blocking busy handler would have; the next batch waits afresh.
        this.#lockRetries = 0;
        this.#busySince = undefined;
        throw error;
      }
      this.#lockRetries++;
      return false;
    } finally {
      await this.#control(conn, this.#lock.blocking);
    }
  }

  async #runBatch(conn: Kysely<Database>, batch: readonly Pending[]): Promise<void> {
    await this.#durable?.maintain();
    if (!(await this.#begin(conn))) {
      // Another process is writing: put the batch back, in order, and try again shortly.
      this.#queue.unshift(...batch);
      return;
    }
    const succeeded: Array<{ p: Pending; value: unknown }> = [];
    try {
      if (batch.length === 1) {
        // Alone in its batch: the outer transaction is its own, no savepoint needed.
        const p = batch[0]!;
        let value: unknown;
        try {
          value = await p.fn(conn, this.#direct);
        } catch (error) {
          // Its own error is its answer, even when SQLite has already ended the transaction
          // itself and this ROLLBACK fails.
          p.reject(error);
          await this.#control(conn, ROLLBACK);
          return;
        }
        succeeded.push({ p, value });
      }
      for (const p of batch.length === 1 ? [] : batch) {
        await this.#control(conn, SAVEPOINT);
        let value: unknown;
        try {
          value = await p.fn(conn, this.#direct);
        } catch (error) {
          p.reject(error);
          try {
            await this.#control(conn, ROLLBACK_TO);
            await this.#control(conn, RELEASE);
          } catch {
            // SQLite ended the whole transaction itself (SQLITE_FULL, IOERR and NOMEM roll
            // everything back): the member's error is why the batch is lost, so say that.
            throw error;
          }
          continue;
        }
        await this.#control(conn, RELEASE);
        succeeded.push({ p, value });
      }
      await this.#control(conn, COMMIT);
      if (this.#durable !== undefined) {
        // The batch is committed but not yet durable: flush it off the event loop and let
        // the next batch run meanwhile; its own flush covers this one's pages too.
        const flush = this.#durable.flush();
        this.#inFlight.add(flush);
        void flush.then(
          () => {
            this.#inFlight.delete(flush);
            if (this.#broken !== undefined) for (const { p } of succeeded) p.reject(this.#broken);
            else for (const { p, value } of succeeded) p.resolve(value);
          },
          (error: unknown) => {
            this.#inFlight.delete(flush);
            this.#broken ??= error;
            for (const { p } of succeeded) p.reject(error);
          },
        );
        return;
      }
    } catch (error) {
      // A savepoint command or the COMMIT failed: the batch is lost as a whole.
      try {
        await this.#control(conn, ROLLBACK);
      } catch {
        // Nothing more to undo (SQLite may have rolled back already); members get the batch's error.
      }
      // Members already rejected keep their own error (a settled promise ignores reject).
      for (const p of batch) p.reject(error);
      return;
    }
    for (const { p, value } of succeeded) p.resolve(value);
  }
}
