import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * The checkpointer thread. Its own connection, under synchronous=FULL (SQLite syncs the WAL,
 * copies frames into the database file, syncs the database file, and only then records the
 * frames as backfilled), runs two checkpoints: PASSIVE, which copies the bulk of the log
 * without taking the write lock while the server keeps committing, then TRUNCATE, which
 * takes the write lock (waiting in this thread; the server's next batch finds the lock taken
 * and retries on a timer, its event loop never blocked), copies the few frames written
 * meanwhile and empties the log, so that it cannot grow without bound under steady writes
 * (a PASSIVE checkpoint alone never catches up with a busy writer). Plain JavaScript
 * evaluated as the worker's script, so it runs the same from src/ under the test runner and
 * from dist/; it loads its modules with import() so that it runs whether node evaluates it as
 * CommonJS or as an ES module (a worker inherits flags such as --input-type=module).
 */
const WORKER_SOURCE = `
(async () => {
  const { parentPort, workerData } = await import("node:worker_threads");
  const { default: Database } = await import(workerData.driver);
  const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
  db.pragma("wal_autocheckpoint = 0");
  db.pragma("synchronous = FULL");
  parentPort.on("message", (message) => {
    if (message === "close") {
      db.close();
      parentPort.close();
      return;
    }
    try {
      db.pragma("wal_checkpoint(PASSIVE)");
      const [result] = db.pragma("wal_checkpoint(TRUNCATE)");
      parentPort.postMessage({ ok: true, busy: result.busy, log: result.log, checkpointed: result.checkpointed });
    } catch (error) {
      parentPort.postMessage({ ok: false, message: String((error && error.message) || error), code: error && error.code });
    }
  });
})();
`;

interface CheckpointReply {
  readonly ok: boolean;
  readonly message?: string;
  readonly code?: string;
}

/** Raised for a checkpoint that failed: the database file may not hold what the log says it does. */
export class CheckpointError extends Error {
  readonly code: string;
  override readonly name = "CheckpointError";
  constructor(message: string, code: string | undefined) {
    super(message);
    this.code = code ?? "CHECKPOINT_FAILED";
  }
}

/**
 * Runs SQLite checkpoints off the event loop, on a worker thread with its own connection to
 * the database file (see WORKER_SOURCE). One checkpoint at a time; `request()` while one runs
 * is a no-op. A failed checkpoint is kept as `error` (the store then fails every later
 * commit, as after a failed fsync).
 */
export class BackgroundCheckpoint {
  readonly #worker: Worker;
  #running = false;
  #error: Error | undefined;
  #closed: Promise<void> | undefined;
  /** Checkpoints completed (for tests and diagnostics). */
  completed = 0;

  constructor(dbPath: string, busyTimeoutMs: number) {
    const driver = pathToFileURL(createRequire(import.meta.url).resolve("better-sqlite3")).href;
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path: dbPath, busyTimeoutMs } });
    this.#worker.unref();
    this.#worker.on("message", (reply: CheckpointReply) => {
      this.#running = false;
      if (reply.ok) this.completed++;
      else this.#error ??= new CheckpointError(`WAL checkpoint failed: ${reply.message}`, reply.code);
    });
    this.#worker.on("error", (error) => {
      this.#running = false;
      this.#error ??= new CheckpointError(`WAL checkpoint thread failed: ${error.message}`, undefined);
    });
  }

  /** The first failure, if any. */
  get error(): Error | undefined {
    return this.#error;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Starts a checkpoint unless one is running (or the thread is closing). */
  request(): void {
    if (this.#running || this.#closed !== undefined || this.#error !== undefined) return;
    this.#running = true;
    this.#worker.postMessage("checkpoint");
  }

  /** Waits for a running checkpoint, then closes the thread's connection. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      // Referenced again while closing: an unreferenced thread would let the process exit
      // with this promise (and the store's close) still pending.
      this.#worker.ref();
      this.#worker.once("exit", () => resolve());
      this.#worker.postMessage("close");
    });
    return this.#closed;
  }
}
