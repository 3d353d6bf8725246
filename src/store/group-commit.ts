import type { ControlledTransaction, Kysely } from "kysely";
import { StoreError, StoreErrorCode } from "./errors.js";
import type { Database } from "./schema.js";
import type { Durability } from "./sqlite/wal-durability.js";

/** Most transactions sharing one commit: bounds the latency a batch adds to its first member. */
export const DEFAULT_MAX_BATCH = 256;

interface Pending {
  readonly fn: (db: Kysely<Database>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * Group commit for a single-connection database (SQLite under WAL, synchronous=FULL,
 * where every COMMIT costs one fsync).
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

  /**
   * `durable`, when given, makes a COMMIT durable after it returned (the SQLite backend
   * fsyncs the WAL on libuv's thread pool, see WalDurability). The next batch may then execute while the
   * previous one is being flushed; members are resolved only once their batch is durable.
   */
  constructor(db: Kysely<Database>, maxBatch: number = DEFAULT_MAX_BATCH, durable?: Durability) {
    this.#db = db;
    this.#maxBatch = maxBatch;
    this.#durable = durable;
  }

  run<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
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
    setImmediate(() => {
      this.#scheduled = false;
      const batch = this.#queue.splice(0, this.#maxBatch);
      this.#running = this.#runBatch(batch).finally(() => {
        this.#running = undefined;
        if (this.#queue.length > 0) this.#schedule();
      });
    });
  }

  async #runBatch(batch: readonly Pending[]): Promise<void> {
    let trx: ControlledTransaction<Database>;
    try {
      this.#durable?.maintain();
      trx = await this.#db.startTransaction().execute();
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    const succeeded: Array<{ p: Pending; value: unknown }> = [];
    try {
      if (batch.length === 1) {
        // Alone in its batch: the outer transaction is its own, no savepoint needed.
        const p = batch[0]!;
        let value: unknown;
        try {
          value = await p.fn(trx);
        } catch (error) {
          await trx.rollback().execute();
          p.reject(error);
          return;
        }
        succeeded.push({ p, value });
      }
      for (const p of batch.length === 1 ? [] : batch) {
        const sp = await trx.savepoint("member").execute();
        let value: unknown;
        try {
          value = await p.fn(sp);
        } catch (error) {
          await sp.rollbackToSavepoint("member").execute();
          p.reject(error);
          continue;
        }
        await sp.releaseSavepoint("member").execute();
        succeeded.push({ p, value });
      }
      await trx.commit().execute();
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
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      // Members already rejected keep their own error (a settled promise ignores reject).
      for (const p of batch) p.reject(error);
      return;
    }
    for (const { p, value } of succeeded) p.resolve(value);
  }
}
