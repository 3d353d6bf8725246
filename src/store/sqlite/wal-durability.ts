import { close, fstatSync, fsync, open } from "node:fs";
import type BetterSqlite3 from "better-sqlite3";
import { BackgroundCheckpoint } from "./background-checkpoint.js";

/** WAL size after which the next batch first checkpoints the log into the database file. */
export const CHECKPOINT_WAL_BYTES = 16 * 1024 * 1024;

/** How a backend makes commits durable after the fact (see GroupCommit). */
export interface Durability {
  /** Resolves once every COMMIT that returned before the call is durable. */
  flush(): Promise<void>;
  /** Runs between batches, with no transaction open (checkpoints); the next batch waits for it. */
  maintain(): Promise<void> | undefined;
  close(): Promise<void>;
}

function call<T>(fn: (cb: (err: NodeJS.ErrnoException | null, v: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
}

/**
 * Durable commits without blocking the event loop.
 *
 * With `synchronous = FULL` SQLite fsyncs the WAL inside COMMIT, and better-sqlite3 runs
 * COMMIT on the main thread, so every fsync stops the whole server. Instead the connection
 * runs with `synchronous = OFF` and automatic checkpoints disabled; after each COMMIT the
 * WAL file is fsynced on libuv's thread pool and a transaction is reported done only after
 * that fsync, which is what synchronous=FULL guarantees in WAL mode ("the WAL file is
 * synchronized after each transaction is committed"). Checkpoints, the only writes to the
 * main database file, run on a thread of their own with a connection under
 * `synchronous = FULL` (BackgroundCheckpoint: WAL synced before, database synced after
 * copying, frames marked backfilled last), so the log is never reused before its frames are
 * safely in the database file, and the event loop never waits for them.
 */
export class WalDurability implements Durability {
  readonly #db: BetterSqlite3.Database;
  readonly #walPath: string;
  #fd: Promise<number> | undefined;
  #checkpointDue = false;
  #armed = false;
  #background: BackgroundCheckpoint | undefined;
  readonly #dbPath: string;
  readonly #busyTimeoutMs: number;

  /** Until the first batch, the connection keeps synchronous=FULL (migrations commit durably by themselves). */
  readonly #checkpointBytes: number;

  constructor(
    db: BetterSqlite3.Database,
    dbPath: string,
    checkpointBytes: number = CHECKPOINT_WAL_BYTES,
    busyTimeoutMs = 5_000,
  ) {
    this.#db = db;
    this.#dbPath = dbPath;
    this.#busyTimeoutMs = busyTimeoutMs;
    this.#walPath = `${dbPath}-wal`;
    this.#checkpointBytes = checkpointBytes;
    db.pragma("wal_autocheckpoint = 0");
    // Checkpoints do not truncate the log: once every frame is in the database file the next
    // transaction restarts it from its start, and this limit then shrinks the file.
    db.pragma(`journal_size_limit = ${Math.trunc(checkpointBytes / 4)}`);
  }

  async flush(): Promise<void> {
    this.#fd ??= call<number>((cb) => open(this.#walPath, "r+", cb));
    const fd = await this.#fd;
    await call<void>((cb) => fsync(fd, (err) => cb(err, undefined)));
    // A failed checkpoint leaves the database file in doubt: fail like a failed fsync.
    const failed = this.#background?.error;
    if (failed !== undefined) throw failed;
    // fstat reads cached metadata (no I/O): done here rather than as a second thread-pool
    // job, which cost two more thread hand-offs per commit.
    if (fstatSync(fd).size >= this.#checkpointBytes) this.#checkpointDue = true;
  }

  maintain(): Promise<void> | undefined {
    if (!this.#armed) {
      this.#db.pragma("synchronous = OFF");
      this.#armed = true;
    }
    // Phase 2 of a checkpoint: this batch waits while the log is emptied.
    if (this.#background?.truncateDue) return this.#background.truncate();
    if (!this.#checkpointDue) return undefined;
    this.#checkpointDue = false;
    this.#background ??= new BackgroundCheckpoint(this.#dbPath, this.#busyTimeoutMs);
    this.#background.request();
    return undefined;
  }

  /** SQLite checkpoints when the connection closes: make that checkpoint durable too. */
  async close(): Promise<void> {
    await this.#background?.close();
    this.#db.pragma("synchronous = FULL");
    if (this.#fd === undefined) return;
    const fd = await this.#fd.catch(() => undefined);
    if (fd !== undefined) await call<void>((cb) => close(fd, (err) => cb(err, undefined)));
  }
}
