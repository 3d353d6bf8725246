/**
 * The KMIP servers the round-trip benchmark talks to, each in its own process:
 * custos (bench/custos-process.ts, on SQLite or PostgreSQL) and PyKMIP's reference
 * server (test/interop/pykmip-server.ts). The client is always our KmipClient.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { KmipClient } from "../src/client/kmip-client.js";
import type { StoreConfig } from "../src/config/schema.js";
import type { ProtocolVersion } from "../src/kmip/version.js";
import { startPykmipServer } from "../test/interop/pykmip-server.js";
import type { CustosReady, CustosStats } from "./custos-process.js";
import type { SqlStats } from "./sql-stats.js";

/** How long custos may take to start (migrations, dev PKI generation). */
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export interface BenchTarget {
  readonly name: string;
  /** The server's process id, for CPU accounting. */
  readonly pid: number | undefined;
  connect(version: ProtocolVersion): Promise<KmipClient>;
  /** Running SQLite counters of the server, when it can tell (custos only). */
  sqlStats?(): Promise<SqlStats>;
  stop(): Promise<void>;
}

export class BenchTargetError extends Error {
  readonly code = "BENCH_TARGET";
  override readonly name = "BenchTargetError";
}

interface Credentials {
  readonly host: string;
  readonly port: number;
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly servername?: string;
}

function connector(c: Credentials): (version: ProtocolVersion) => Promise<KmipClient> {
  return (version) => KmipClient.connect({ ...c, version });
}

export interface SpawnCustosOptions {
  readonly name: string;
  /** Default: the harness's SQLite file in its temporary data folder. */
  readonly store?: StoreConfig;
  /** If set, the child runs with --cpu-prof and writes its profile here. */
  readonly cpuProfileDir?: string;
  /** Server processes (the `workers` setting); default 1, in the child itself. */
  readonly workers?: number;
}

/** Starts custos in a child process and waits until it listens. */
export function spawnCustos(options: SpawnCustosOptions): Promise<BenchTarget> {
  const args = [options.store ? JSON.stringify(options.store) : "", String(options.workers ?? 1)];
  return spawnChild(options.name, new URL("./custos-process.js", import.meta.url), args, {
    withStats: true,
    ...(options.cpuProfileDir !== undefined ? { cpuProfileDir: options.cpuProfileDir } : {}),
  });
}

/**
 * Starts bench/tls-echo-process.ts: a TLS listener that answers every KMIP request with a
 * prepared Encrypt response of `dataBytes` bytes of Data (`batchItems` batch items of it), the
 * transport ceiling; with `signer`, a Sign response carrying a fresh signature instead.
 */
export function spawnTlsEcho(
  dataBytes: number,
  batchItems = 1,
  signer?: "ecdsa" | "rsa" | "ed25519",
): Promise<BenchTarget> {
  const args = [String(dataBytes), String(batchItems), signer ?? ""];
  return spawnChild("TLS echo", new URL("./tls-echo-process.js", import.meta.url), args, {
    withStats: false,
  });
}

/**
 * Forks a server child that answers "ready" with its port and client credentials (and, with
 * `withStats`, "stats" with its SQLite counters: bench/custos-process.ts).
 */
async function spawnChild(
  name: string,
  entry: URL,
  args: string[],
  options: { readonly withStats: boolean; readonly cpuProfileDir?: string },
): Promise<BenchTarget> {
  const execArgv = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child: ChildProcess = fork(entry, args, {
    execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<CustosReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BenchTargetError(`${name} did not start`)), START_TIMEOUT_MS);
    child.once("message", (m) => {
      clearTimeout(timer);
      resolve(m as CustosReady);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new BenchTargetError(`${name} exited during start (code ${code})`));
    });
  });
  const waiting: Array<(s: SqlStats) => void> = [];
  child.on("message", (m) => {
    if ((m as { type?: unknown }).type === "stats") waiting.shift()?.((m as CustosStats).sql);
  });
  const credentials: Credentials = {
    host: "127.0.0.1",
    port: ready.port,
    ca: await readFile(ready.caFile),
    cert: await readFile(ready.certFile),
    key: await readFile(ready.keyFile),
    servername: "localhost",
  };
  const sqlStats = () =>
    new Promise<SqlStats>((resolve) => {
      waiting.push(resolve);
      child.send({ type: "stats" });
    });
  return {
    name,
    pid: child.pid,
    connect: connector(credentials),
    ...(options.withStats ? { sqlStats } : {}),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ type: "stop" });
        await Promise.race([exited, sleep(STOP_GRACE_MS)]);
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    },
  };
}

/** Starts PyKMIP's own server (KMIP up to 1.2) on loopback with fresh certificates. */
export async function startPykmip(name: string): Promise<BenchTarget> {
  const dir = await mkdtemp(join(tmpdir(), "custos-bench-pykmip-"));
  try {
    // WARNING, not the default INFO: custos runs with logging off, so do not make
    // PyKMIP pay for several log lines per request.
    const server = await startPykmipServer({ dir, loggingLevel: "WARNING" });
    const credentials: Credentials = {
      host: server.host,
      port: server.port,
      ca: await readFile(server.caFile),
      cert: await readFile(server.clientCert),
      key: await readFile(server.clientKey),
    };
    return {
      name,
      pid: server.pgid,
      connect: connector(credentials),
      async stop() {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
