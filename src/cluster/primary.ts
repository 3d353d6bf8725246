import cluster, { type Worker } from "node:cluster";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { CustosConfig } from "../config/schema.js";
import { MasterKey } from "../store/master-key.js";
import { openStore } from "../store/open-store.js";
import { isToPrimary, type ToWorker } from "./messages.js";

/** How long a worker may take from fork to listening. */
const START_TIMEOUT_MS = 30_000;
/** How long stop() waits for workers to finish their requests and close their stores. */
const STOP_GRACE_MS = 15_000;
/** A worker that dies is replaced after this delay... */
const RESPAWN_DELAY_MS = 1_000;
/** ...unless this many workers died within RESPAWN_WINDOW_MS: then something is broken, not unlucky. */
const MAX_RESPAWNS = 5;
const RESPAWN_WINDOW_MS = 60_000;

export class ClusterError extends Error {
  readonly code = "CUSTOS_CLUSTER";
  override readonly name = "ClusterError";
}

export interface RunningCluster {
  readonly host: string;
  readonly port: number;
  /** Process ids of the live workers. */
  workerPids(): number[];
  /** Resolves if the cluster gives up replacing workers (too many deaths); the caller should stop. */
  readonly failed: Promise<Error>;
  /** Stops every worker (each finishes its requests and closes its store); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Runs custos as `config.workers` processes sharing the KMIP port (each worker accepts
 * connections on the one listening socket) and the store: a SQLite file (SQLite's locks order the
 * workers' commits, see src/store/group-commit.ts) or PostgreSQL. The primary creates the
 * master key and migrates the schema once before any worker starts, forks the workers,
 * waits until every one listens, and replaces a worker that dies. Only worker 0 runs the
 * rotation scheduler. State kept in a worker's memory (multi-part crypto streams, caches)
 * belongs to the connections that worker serves.
 */
export async function startCluster(config: CustosConfig, logger: Logger): Promise<RunningCluster> {
  if (!cluster.isPrimary) throw new ClusterError("startCluster must run in the primary process");
  const store = await openStore(config.store, await MasterKey.loadOrCreate(config.masterKeyFile));
  await store.close();

  // Every worker accepts on the shared socket itself (SCHED_NONE). With node's default
  // round-robin, the primary accepts and passes each connection on, and a connection handed
  // to a worker that has just died is lost (its client waits for a handshake that never comes).
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: fileURLToPath(new URL("./worker-main.js", import.meta.url)), args: [] });
  const workers = new Map<number, Worker>();
  const deaths: number[] = [];
  let stopping = false;
  let fail: (e: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => {
    fail = resolve;
  });

  const fork = (index: number): Promise<{ host: string; port: number }> => {
    // libuv accepts one connection per turn of the loop instead of all that are pending, so
    // a burst of connections spreads over the workers instead of landing on the first awake.
    const worker = cluster.fork({ UV_TCP_SINGLE_ACCEPT: "1" });
    workers.set(index, worker);
    const listening = new Promise<{ host: string; port: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ClusterError(`worker ${index} did not start`)), START_TIMEOUT_MS);
      worker.on("message", (m: unknown) => {
        if (!isToPrimary(m)) return;
        if (m.type === "ready") {
          worker.send({ type: "start", config, index } satisfies ToWorker);
          return;
        }
        clearTimeout(timer);
        if (m.type === "listening") resolve({ host: m.host, port: m.port });
        else reject(new ClusterError(m.message));
      });
      worker.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new ClusterError(`worker ${index} exited during start (${signal ?? `code ${code}`})`));
      });
    });
    worker.once("exit", (code, signal) => {
      if (workers.get(index) === worker) workers.delete(index);
      if (stopping) return;
      const now = Date.now();
      deaths.push(now);
      while (deaths.length > 0 && (deaths[0] ?? now) < now - RESPAWN_WINDOW_MS) deaths.shift();
      logger.error({ worker: index, pid: worker.process.pid, code, signal }, "cluster: worker died");
      if (deaths.length > MAX_RESPAWNS) {
        fail(new ClusterError(`${deaths.length} workers died within ${RESPAWN_WINDOW_MS / 1000} s; giving up`));
        return;
      }
      setTimeout(() => {
        if (stopping) return;
        fork(index).then(
          () => logger.info({ worker: index }, "cluster: worker replaced"),
          (err: unknown) => logger.error({ err, worker: index }, "cluster: replacement worker failed"),
        );
      }, RESPAWN_DELAY_MS);
    });
    return listening;
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    const exits = [...workers.values()].map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.isDead()) return resolve();
          w.once("exit", () => resolve());
          try {
            w.send({ type: "stop" } satisfies ToWorker);
          } catch {
            w.process.kill("SIGKILL");
          }
        }),
    );
    const timer = setTimeout(() => {
      for (const w of workers.values()) if (!w.isDead()) w.process.kill("SIGKILL");
    }, STOP_GRACE_MS);
    await Promise.all(exits);
    clearTimeout(timer);
  };

  let listening: Array<{ host: string; port: number }>;
  try {
    listening = await Promise.all(Array.from({ length: config.workers }, (_, i) => fork(i)));
  } catch (err) {
    await stop();
    throw err;
  }
  const first = listening[0] ?? { host: config.kmip.host, port: config.kmip.port };
  let stopped: Promise<void> | undefined;
  return {
    host: first.host,
    port: first.port,
    workerPids: () => [...workers.values()].flatMap((w) => (w.process.pid === undefined ? [] : [w.process.pid])),
    failed,
    stop: () => {
      stopped ??= stop();
      return stopped;
    },
  };
}
