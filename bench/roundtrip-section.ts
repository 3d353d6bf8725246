/**
 * Report section 3: Create+Get round trips against custos (SQLite and PostgreSQL, KMIP 1.2
 * and 2.1) and PyKMIP (KMIP 1.2), 1 and 16 connections, then the ceilings that explain
 * them: sequential durable commits of each database, and node:crypto alone.
 */
import { join } from "node:path";
import type { ProtocolVersion } from "../src/kmip/version.js";
import { cryptoPairsPerSecond } from "./ceilings.js";
import { postgresCommitsPerSecond, sqliteCommitsPerSecond } from "./commit-ceiling.js";
import { FLOOR_BATCH, sqliteFloorMicrosPerPair, tlsFloorMicrosPerRoundTrip } from "./create-get-floor.js";
import { createScratchDatabase } from "./postgres-scratch.js";
import { num, percent, type ReportRow, type ReportSection, ratio } from "./report.js";
import { benchRoundTrips, type RoundTripResult } from "./roundtrip.js";
import type { SqlStats } from "./sql-stats.js";
import { type BenchTarget, spawnCustos, startPykmip } from "./targets.js";

export interface RoundTripSectionOptions {
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly postgres: boolean;
  readonly pykmip: boolean;
  /** custos children write CPU profiles to <dir>/custos-sqlite and <dir>/custos-postgres. */
  readonly profileDir: string | undefined;
  readonly log: (line: string) => void;
}

const V12: ProtocolVersion = { major: 1, minor: 2 };
const V21: ProtocolVersion = { major: 2, minor: 1 };
const CONNECTIONS = [1, 16] as const;
/** Load each server sees before the measured lines (see the warm-up below). */
const JIT_WARMUP_MS = 4_000;
const SQLITE = "custos sqlite";
const POSTGRES = "custos postgres";
/** The same servers as `workers: 2` (two processes sharing the port and the store). */
const WORKERS = 2;
const SQLITE_WORKERS = `custos sqlite x${WORKERS} workers`;
const POSTGRES_WORKERS = `custos postgres x${WORKERS} workers`;
const PYKMIP = "PyKMIP 0.10";
const v = (x: ProtocolVersion): string => `${x.major}.${x.minor}`;

interface Ceilings {
  sqliteCommits?: number;
  postgresCommits?: number;
  cryptoPairs?: number;
  /** CPU µs per pair of custos's SQL on SQLite, and server CPU µs per bare TLS round trip. */
  floor?: { readonly sqlMicros: number; readonly tlsMicros: number };
}

export async function roundTripSection(o: RoundTripSectionOptions): Promise<ReportSection> {
  const results: RoundTripResult[] = [];
  const ceilings: Ceilings = {};
  const profile = (name: string) => (o.profileDir ? { cpuProfileDir: join(o.profileDir, name) } : {});
  const targets: Array<{ target: BenchTarget; versions: readonly ProtocolVersion[] }> = [];
  const db = o.postgres ? await createScratchDatabase() : undefined;
  try {
    o.log("commit ceilings");
    ceilings.sqliteCommits = await sqliteCommitsPerSecond();
    if (db) ceilings.postgresCommits = await postgresCommitsPerSecond(db.url);
    // Before any server has run: PostgreSQL's checkpoints and autovacuum after the round trips
    // would otherwise share the disk and the cores with this measurement.
    o.log("Create+Get floor");
    ceilings.floor = { sqlMicros: await sqliteFloorMicrosPerPair(), tlsMicros: await tlsFloorMicrosPerRoundTrip() };
    o.log("starting servers");
    targets.push({ target: await spawnCustos({ name: SQLITE, ...profile("custos-sqlite") }), versions: [V12, V21] });
    targets.push({ target: await spawnCustos({ name: SQLITE_WORKERS, workers: WORKERS }), versions: [V12] });
    if (db) {
      const store = { kind: "postgres", url: db.url, poolSize: 16 } as const;
      targets.push({
        target: await spawnCustos({ name: POSTGRES, store, ...profile("custos-postgres") }),
        versions: [V12, V21],
      });
      targets.push({
        target: await spawnCustos({ name: POSTGRES_WORKERS, store: { ...store, poolSize: 8 }, workers: WORKERS }),
        versions: [V12],
      });
    }
    if (o.pykmip) targets.push({ target: await startPykmip(PYKMIP), versions: [V12] });
    // A server runs for days: before the measured lines, each one serves a few seconds of
    // the same load so that V8 has compiled its hot paths (the first lines measured a cold
    // JIT otherwise: about twice the CPU per pair of a warm server). Not counted anywhere.
    for (const { target } of targets) {
      o.log(`${target.name} warm-up`);
      await benchRoundTrips(target, { connections: 16, version: V12, warmupMs: JIT_WARMUP_MS, durationMs: 1 });
    }
    // Interleaved: the lines compared with each other run back to back, so a change in
    // machine load between them (shared CI runners) skews the ratios as little as possible.
    for (const version of [V12, V21]) {
      for (const connections of CONNECTIONS) {
        for (const { target, versions } of targets) {
          if (!versions.includes(version)) continue;
          o.log(`${target.name} KMIP ${v(version)} x${connections}`);
          results.push(
            await benchRoundTrips(target, { connections, version, warmupMs: o.warmupMs, durationMs: o.durationMs }),
          );
        }
      }
    }
  } finally {
    await Promise.allSettled(targets.map(({ target }) => target.stop()));
    await db?.drop();
  }
  o.log("node:crypto ceiling");
  ceilings.cryptoPairs = cryptoPairsPerSecond();
  const order = [SQLITE, SQLITE_WORKERS, POSTGRES, POSTGRES_WORKERS, PYKMIP];
  results.sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target));
  return {
    title: "3. Create+Get round trips (our KmipClient, TTLV over mutual TLS; 1 pair = Create AES-256 key + Get it)",
    rows: [...results.map((r) => resultRow(r, results)), ...ceilingRows(ceilings, results)],
  };
}

function find(results: readonly RoundTripResult[], target: string, version: ProtocolVersion, connections: number) {
  return results.find(
    (r) =>
      r.target === target &&
      r.connections === connections &&
      r.version.major === version.major &&
      r.version.minor === version.minor,
  );
}

function resultRow(r: RoundTripResult, results: readonly RoundTripResult[]): ReportRow {
  const custos = r.target !== PYKMIP;
  const py = custos ? find(results, PYKMIP, r.version, r.connections) : undefined;
  const v12 = custos && r.version.major === 2 ? find(results, r.target, V12, r.connections) : undefined;
  const one = r.connections > 1 ? find(results, r.target, r.version, 1) : undefined;
  const ratios = [
    py && ratio(r.pairsPerSecond / py.pairsPerSecond, "vs PyKMIP"),
    v12 && ratio(r.pairsPerSecond / v12.pairsPerSecond, "vs 1.2"),
    one && ratio(r.pairsPerSecond / one.pairsPerSecond, "vs 1 conn"),
  ].filter((x): x is string => typeof x === "string");
  const cores = (x: number | undefined) => (x === undefined ? "n/a" : x.toFixed(2));
  const errors = r.errors > 0 ? `; ${r.errors} errors, first: ${r.firstError}` : "";
  const sql = r.sql && r.sql.commits > 0 ? `; ${sqlDetail(r.sql, r.windowSeconds)}` : "";
  return {
    label: `${r.target}, KMIP ${v(r.version)}, ${r.connections} conn`,
    value: num(r.pairsPerSecond),
    unit: "pairs/s",
    ratio: ratios.join(", ") || "reference",
    detail: `p50 ${num(r.p50Ms)} ms, p99 ${num(r.p99Ms)} ms; CPU cores server ${cores(r.serverCores)}, client ${cores(r.clientCores)}${sql}${errors}`,
    note: explain(r),
  };
}

/** Group commit at work: member transactions per COMMIT, and how long SQLite held the event loop. */
function sqlDetail(s: SqlStats, seconds: number): string {
  const wallMs = seconds * 1000;
  return `SQLite ${(s.members / s.commits).toFixed(1)} tx/COMMIT, COMMIT ${num(s.commitMs / s.commits)} ms, event loop blocked ${percent(s.statementMs / wallMs, "in SQL")} (${percent(s.commitMs / wallMs, "in COMMIT")})`;
}

function explain(r: RoundTripResult): string {
  const workers = r.target.endsWith("workers") ? `, ${WORKERS} worker processes sharing port and store` : "";
  const server =
    r.target === PYKMIP
      ? "PyKMIP's server (Python, SQLAlchemy on SQLite, a thread per connection, log level WARNING)"
      : r.target.startsWith(POSTGRES)
        ? `custos on PostgreSQL (pool of 16 per node; each operation its own durable transaction${workers})`
        : `custos on SQLite (WAL, synchronous=FULL, group commit${workers})`;
  const load =
    r.connections === 1
      ? "1 connection, strictly sequential: latency-bound"
      : `${r.connections} connections running pairs back to back: throughput under concurrency`;
  return `${server}; ${load}`;
}

function ceilingRows(c: Ceilings, results: readonly RoundTripResult[]): ReportRow[] {
  const rows: ReportRow[] = [];
  const custosOne = (target: string) => find(results, target, V12, 1)?.pairsPerSecond;
  if (c.sqliteCommits !== undefined) {
    rows.push({
      label: "SQLite commit ceiling, sequential",
      value: num(c.sqliteCommits / 2),
      unit: "pairs/s",
      ratio: percent((custosOne(SQLITE) ?? Number.NaN) / (c.sqliteCommits / 2), "reached by custos 1 conn"),
      detail: `${num(c.sqliteCommits)} commits/s, ${num(1000 / c.sqliteCommits)} ms each`,
      note: "better-sqlite3 alone, WAL + synchronous=FULL, one-row transactions one at a time, halved: custos commits on Create and on Get",
    });
  }
  if (c.postgresCommits !== undefined) {
    rows.push({
      label: "PostgreSQL commit ceiling, sequential",
      value: num(c.postgresCommits / 2),
      unit: "pairs/s",
      ratio: percent((custosOne(POSTGRES) ?? Number.NaN) / (c.postgresCommits / 2), "reached by custos 1 conn"),
      detail: `${num(c.postgresCommits)} commits/s, ${num(1000 / c.postgresCommits)} ms each`,
      note: "pg alone: BEGIN, one INSERT, COMMIT, one at a time, halved as above (custos also sends ~8 more statements per operation)",
    });
  }
  if (c.cryptoPairs !== undefined) {
    const best = Math.max(...results.filter((r) => r.target !== PYKMIP).map((r) => r.pairsPerSecond));
    rows.push({
      label: "raw node:crypto ceiling",
      value: num(c.cryptoPairs),
      unit: "pairs/s",
      ratio: ratio(c.cryptoPairs / best, "vs best custos"),
      note: "randomBytes(32) + AES-256-GCM seal + open, in this process on one core: the crypto of a Create+Get; the rest is TLS, protocol, SQL and fsync",
    });
  }
  if (c.floor !== undefined && c.cryptoPairs !== undefined) rows.push(floorRow(c.floor, c.cryptoPairs, results));
  return rows;
}

/** PyKMIP's rate times this is the Create+Get target. */
const TARGET_FACTOR = 30;

/**
 * What one core can do at best when a pair costs only its SQL, two bare TLS round trips and
 * its crypto, against the CPU the 30x-PyKMIP target leaves per pair and what custos spends.
 */
function floorRow(
  floor: NonNullable<Ceilings["floor"]>,
  cryptoPairs: number,
  results: readonly RoundTripResult[],
): ReportRow {
  const cryptoMicros = 1e6 / cryptoPairs;
  const micros = floor.sqlMicros + 2 * floor.tlsMicros + cryptoMicros;
  const py = find(results, PYKMIP, V12, 16);
  const custos = find(results, SQLITE, V12, 16);
  const budget = py ? 1e6 / (TARGET_FACTOR * py.pairsPerSecond) : undefined;
  const spent = custos?.serverCores !== undefined ? (custos.serverCores * 1e6) / custos.pairsPerSecond : undefined;
  return {
    label: "Create+Get floor, one core",
    value: num(1e6 / micros),
    unit: "pairs/s",
    ratio: ratio(py && 1e6 / micros / py.pairsPerSecond, "PyKMIP 16 conn"),
    detail:
      `SQL ${num(floor.sqlMicros)} + TLS 2x${num(floor.tlsMicros)} + crypto ${num(cryptoMicros)} = ${num(micros)} us/pair; ` +
      `${TARGET_FACTOR}x PyKMIP leaves ${num(budget)} us/pair of one core; custos SQLite 16 conn spends ${num(spent)} us/pair`,
    note:
      `custos's 7 SQL statements of a pair on better-sqlite3 (${FLOOR_BATCH} transactions per durable COMMIT), ` +
      "the server CPU of two Get-sized round trips on the bare TLS listener, and node:crypto's share: " +
      "a server with this storage and transport spends at least this before decoding, checking or encoding anything",
  };
}
