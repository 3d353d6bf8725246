/**
 * Child-process entry: runs one real custos (test harness: dev PKI, random port) so the
 * benchmark client and the server do not share an event loop, just as PyKMIP's server
 * runs in its own process. Started by {@link spawnCustos} with the store config as JSON
 * (or "") in argv[2] and the number of worker processes in argv[3]; answers "ready" with
 * the port and the admin credentials, "stats" with the SQLite counters of
 * bench/sql-stats.ts (this process's only: with workers, the SQL runs in them and the
 * counters stay empty), and stops on "stop". With workers > 1 this process is the
 * cluster primary, as `custos serve --workers N` would be.
 */
import { pino } from "pino";
import { startCluster } from "../src/cluster/primary.js";
import type { StoreConfig } from "../src/config/schema.js";
import { startHarness } from "../test/support/custos-harness.js";
import { installSqlStats, type SqlStats } from "./sql-stats.js";

export interface CustosStats {
  readonly type: "stats";
  readonly sql: SqlStats;
}

export interface CustosReady {
  readonly type: "ready";
  readonly port: number;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

const sqlStats = installSqlStats();
const storeArg = process.argv[2];
const store = storeArg ? (JSON.parse(storeArg) as StoreConfig) : undefined;
const workers = Number(process.argv[3] ?? "1");
// With workers, the harness prepares the data folder and stops its own in-process server
// at once; the cluster then serves that folder on a port of its own.
const harness = await startHarness(store ? { store } : {});
const cluster = workers > 1 ? await clusterOn(harness) : undefined;

async function clusterOn(h: typeof harness) {
  const config = { ...h.custos.config, workers, kmip: { ...h.custos.config.kmip, port: 0 } };
  await h.custos.stop();
  return startCluster(config, pino({ level: "silent" }));
}

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await cluster?.stop();
  await harness.stop();
  // process.exit() still writes the --cpu-prof profile.
  process.exit(0);
};
process.on("message", (m: unknown) => {
  const type = typeof m === "object" && m !== null ? (m as { type?: unknown }).type : undefined;
  if (type === "stop") void stop();
  if (type === "stats") {
    const answer: CustosStats = { type: "stats", sql: sqlStats() };
    process.send?.(answer);
  }
});
process.on("disconnect", () => void stop());

const ready: CustosReady = {
  type: "ready",
  port: cluster?.port ?? harness.port,
  caFile: harness.paths.caCert,
  certFile: harness.paths.adminCert,
  keyFile: harness.paths.adminKey,
};
process.send?.(ready);
