/**
 * Create+Get round trips per second against a real KMIP server over TTLV and mutual TLS.
 * One pair = Create of an AES-256 Symmetric Key (Encrypt|Decrypt) then Get of it, each a
 * separate request/response on the same connection; `connections` clients run pairs
 * back to back for a warm-up, then the pairs that complete during `durationMs` are counted.
 * Every Get is checked (32 key bytes, AES, 256): a server that answers wrongly fails the run.
 */
import type { KmipClient } from "../src/client/kmip-client.js";
import type { ProtocolVersion } from "../src/kmip/version.js";
import { CryptographicAlgorithm } from "../src/ttlv/enums.js";
import { processCpuSeconds } from "./proc-cpu.js";
import { diffSqlStats, type SqlStats } from "./sql-stats.js";
import type { BenchTarget } from "./targets.js";

export interface RoundTripOptions {
  readonly connections: number;
  readonly version: ProtocolVersion;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface RoundTripResult {
  readonly target: string;
  readonly connections: number;
  readonly version: ProtocolVersion;
  /** Pairs completed inside the measured window. */
  readonly pairs: number;
  readonly pairsPerSecond: number;
  /** Latency of one pair (Create + Get), milliseconds. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU time / wall time over the window (1 = one core busy); undefined if unknown. */
  readonly serverCores: number | undefined;
  /** This (client) process's CPU time / wall time over the window. */
  readonly clientCores: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  /** The server's SQLite work during the window (custos on SQLite only). */
  readonly sql: SqlStats | undefined;
  /** Wall time the CPU and SQL counters cover, seconds. */
  readonly windowSeconds: number;
}

/** Stop a run whose pairs keep failing instead of spinning on errors. */
const MAX_ERRORS = 50;
const AES_256_BYTES = 32;

export class RoundTripError extends Error {
  readonly code = "BENCH_ROUND_TRIP";
  override readonly name = "RoundTripError";
}

async function pair(client: KmipClient): Promise<void> {
  const id = await client.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
  const key = await client.get(id);
  if (
    key.material.length !== AES_256_BYTES ||
    key.algorithm !== CryptographicAlgorithm.AES ||
    (key.length !== undefined && key.length !== 256)
  ) {
    throw new RoundTripError(
      `Get ${id}: expected a 256-bit AES key, got ${key.material.length} bytes, algorithm ${key.algorithm}`,
    );
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

export async function benchRoundTrips(target: BenchTarget, o: RoundTripOptions): Promise<RoundTripResult> {
  const clients = await Promise.all(Array.from({ length: o.connections }, () => target.connect(o.version)));
  try {
    const begin = performance.now();
    const windowStart = begin + o.warmupMs;
    const windowEnd = windowStart + o.durationMs;
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    let serverCpuStart: number | undefined;
    let clientCpuStart: NodeJS.CpuUsage | undefined;
    let cpuStartedAt = windowStart;
    let sqlStart: Promise<SqlStats> | undefined;
    const markWindow = setTimeout(() => {
      cpuStartedAt = performance.now();
      sqlStart = target.sqlStats?.();
      serverCpuStart = target.pid === undefined ? undefined : processCpuSeconds(target.pid);
      clientCpuStart = process.cpuUsage();
    }, o.warmupMs);

    const worker = async (client: KmipClient): Promise<void> => {
      for (let t0 = performance.now(); t0 < windowEnd; t0 = performance.now()) {
        try {
          await pair(client);
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
          if (errors >= MAX_ERRORS || error instanceof RoundTripError) throw error;
          continue;
        }
        const t1 = performance.now();
        if (t1 >= windowStart && t1 <= windowEnd) latencies.push(t1 - t0);
      }
    };
    try {
      await Promise.all(clients.map(worker));
    } finally {
      clearTimeout(markWindow);
    }
    // Workers stop after windowEnd; the CPU window is a pair's length longer at most.
    const wall = (performance.now() - cpuStartedAt) / 1000;
    const serverCpuEnd = target.pid === undefined ? undefined : processCpuSeconds(target.pid);
    const clientCpu = clientCpuStart ? process.cpuUsage(clientCpuStart) : { user: 0, system: 0 };
    const sqlEnd = target.sqlStats?.();
    const sql = sqlStart && sqlEnd ? diffSqlStats(await sqlEnd, await sqlStart) : undefined;
    latencies.sort((a, b) => a - b);
    return {
      target: target.name,
      connections: o.connections,
      version: o.version,
      pairs: latencies.length,
      pairsPerSecond: latencies.length / (o.durationMs / 1000),
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      serverCores:
        serverCpuStart === undefined || serverCpuEnd === undefined ? undefined : (serverCpuEnd - serverCpuStart) / wall,
      clientCores: (clientCpu.user + clientCpu.system) / 1e6 / wall,
      errors,
      firstError,
      sql,
      windowSeconds: wall,
    };
  } finally {
    await Promise.allSettled(clients.map((c) => c.close()));
  }
}
