import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * The checkpointer thread. Its own connection runs under synchronous=FULL, so every
 * checkpoint syncs the WAL, copies frames into the database file, syncs the database file,
 * and only then records the frames as backfilled. It runs the two phases it is asked for:
 * "passive" copies the bulk of the log without taking the write lock while the server keeps
 * committing; "truncate" (asked for at a batch boundary, while the server holds back its
 * next batch) copies the few frames written meanwhile and empties the log. Plain JavaScript
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
      const mode = message === "truncate" ? "TRUNCATE" : "PASSIVE";
      const [result] = db.pragma("wal_checkpoint(" + mode + ")");
      parentPort.postMessage({ ok: true, phase: message, busy: result.busy });
    } catch (error) {
      parentPort.postMessage({ ok: false, phase: message, message: String((error && error.message) || error), code: error && error.code });
    }
  });
})();
`;

/** Longest wait of a checkpoint for another process's write lock. */
const TRUNCATE_WAIT_MS = 200;

interface CheckpointReply {
  readonly ok: boolean;
  readonly phase: "passive" | "truncate";
  readonly busy?: number;
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
 * the database file (see WORKER_SOURCE), in two phases:
 *   1. `request()` starts a PASSIVE checkpoint: the thread copies what it can while the
 *      server keeps writing (a PASSIVE checkpoint alone never catches up with a busy writer);
 *   2. once it is done, `truncateDue` is true and the server, between two batches, calls
 *      `truncate()` and waits for it: with no writer of this process in the way, TRUNCATE
 *      copies the frames written meanwhile and empties the log. The log therefore cannot grow
 *      without bound under steady writes, and the event loop never blocks on a checkpoint:
 *      only this process's next batch waits (reads and the network carry on).
 * A failed checkpoint is kept as `error` (the store then fails every later commit, as after
 * a failed fsync).
 */
export class BackgroundCheckpoint {
  readonly #worker: Worker;
  #passiveRunning = false;
  #truncateDue = false;
  #truncating: { resolve: () => void } | undefined;
  #error: Error | undefined;
  #closed: Promise<void> | undefined;

  constructor(dbPath: string, busyTimeoutMs: number) {
    const driver = pathToFileURL(createRequire(import.meta.url).resolve("better-sqlite3")).href;
    // The truncate phase waits at most this long for another process's writer (custos workers
    // sharing the file), because this process's next batch waits for it; if the lock stays
    // taken, the attempt ends partly done and the next cycle tries again.
    const waitMs = Math.min(busyTimeoutMs, TRUNCATE_WAIT_MS);
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, path: dbPath, busyTimeoutMs: waitMs },
    });
    this.#worker.unref();
    this.#worker.on("message", (reply: CheckpointReply) => {
      if (!reply.ok) this.#error ??= new CheckpointError(`WAL checkpoint failed: ${reply.message}`, reply.code);
      if (reply.phase === "passive") {
        this.#passiveRunning = false;
        this.#truncateDue = reply.ok;
      } else {
        const waiting = this.#truncating;
        this.#truncating = undefined;
        waiting?.resolve();
      }
    });
    this.#worker.on("error", (error) => {
      this.#passiveRunning = false;
      this.#truncateDue = false;
      this.#error ??= new CheckpointError(`WAL checkpoint thread failed: ${error.message}`, undefined);
      const waiting = this.#truncating;
      this.#truncating = undefined;
      waiting?.resolve();
    });
  }

  /** The first failure, if any. */
  get error(): Error | undefined {
    return this.#error;
  }

  /** Whether phase 1 is done and the server should call truncate() at its next batch boundary. */
  get truncateDue(): boolean {
    return this.#truncateDue && this.#error === undefined && this.#closed === undefined;
  }

  /** Starts phase 1 unless a checkpoint is under way (or the thread is closing). */
  request(): void {
    const busy = this.#passiveRunning || this.#truncateDue || this.#truncating !== undefined;
    if (busy || this.#closed !== undefined || this.#error !== undefined) return;
    this.#passiveRunning = true;
    this.#worker.postMessage("passive");
  }

  /** Phase 2: resolves once the log is emptied (or the attempt failed, see `error`). */
  truncate(): Promise<void> {
    this.#truncateDue = false;
    return new Promise<void>((resolve) => {
      this.#truncating = { resolve };
      this.#worker.postMessage("truncate");
    });
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
