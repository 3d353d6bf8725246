/**
 * Child-process entry: runs one real custos (test harness: dev PKI, random port) so the
 * benchmark client and the server do not share an event loop, just as PyKMIP's server
 * runs in its own process. Started by {@link spawnCustos} with the store config as JSON
 * in argv[2]; answers "ready" with the port and the admin credentials, "stats" with the
 * SQLite counters of bench/sql-stats.ts, and stops on "stop".
 */
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
const harness = await startHarness(store ? { store } : {});

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
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
  port: harness.port,
  caFile: harness.paths.caCert,
  certFile: harness.paths.adminCert,
  keyFile: harness.paths.adminKey,
};
process.send?.(ready);
