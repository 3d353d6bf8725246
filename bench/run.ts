/**
 * `npm run bench`: one run, one report.
 *   1. TTLV codec throughput (bench/ttlv.ts) against JSON and memcpy in the same process;
 *   2. store transactions per second (bench/store.ts), when that bench is present;
 *   3. Create+Get round trips per second with our KmipClient over TTLV/mTLS against custos
 *      (SQLite, PostgreSQL; KMIP 1.2 and 2.1) and PyKMIP's server (KMIP 1.2), with 1 and
 *      16 connections, next to the node:crypto ceiling of a Create+Get.
 *
 * Options: --quick (short windows, for a smoke run), --profile=DIR (custos children run
 * with --cpu-prof into DIR and the hot spots are printed), --no-pykmip, --no-postgres.
 */
import { mkdir, readdir } from "node:fs/promises";
import { cpus, totalmem, release, platform, loadavg } from "node:os";
import { join, resolve } from "node:path";
import type { ProtocolVersion } from "../src/kmip/version.js";
import { cryptoPairsPerSecond, memcpyMBps } from "./ceilings.js";
import { createScratchDatabase } from "./postgres-scratch.js";
import { formatProfileSummary, summariseProfile } from "./profile-summary.js";
import { type ReportRow, type ReportSection, formatReport, num, ratio } from "./report.js";
import { type RoundTripResult, benchRoundTrips } from "./roundtrip.js";
import { type BenchTarget, spawnCustos, startPykmip } from "./targets.js";
import { benchTtlv } from "./ttlv.js";

interface Options {
  readonly quick: boolean;
  readonly profileDir: string | undefined;
  readonly pykmip: boolean;
  readonly postgres: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const profile = argv.find((a) => a.startsWith("--profile"));
  return {
    quick: argv.includes("--quick"),
    profileDir: profile === undefined ? undefined : resolve(profile.split("=")[1] ?? "bench-profiles"),
    pykmip: !argv.includes("--no-pykmip"),
    postgres: !argv.includes("--no-postgres"),
  };
}

const V12: ProtocolVersion = { major: 1, minor: 2 };
const V21: ProtocolVersion = { major: 2, minor: 1 };
const CONNECTIONS = [1, 16] as const;
const v = (x: ProtocolVersion): string => `${x.major}.${x.minor}`;

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const window = o.quick ? { warmupMs: 300, durationMs: 1_000 } : { warmupMs: 1_000, durationMs: 4_000 };
  const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
  const cpu = cpus();
  const heading = [
    `custos benchmark  ${new Date().toISOString()}`,
    `machine: ${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown cpu"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}`,
    `node ${process.version}, load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
    `round trips: ${window.warmupMs} ms warm-up + ${window.durationMs} ms measured per line; every server in its own process, the client in this one`,
  ];
  const sections: ReportSection[] = [];

  // 1. Codec.
  log("TTLV codec");
  const t = await benchTtlv(o.quick ? 150 : 400);
  const memcpy = memcpyMBps(t.messageBytes);
  const jsonParseMBps = t.decodeMBps / t.decodeVsJsonParse;
  const jsonStringifyMBps = t.encodeMBps / t.encodeVsJsonStringify;
  sections.push({
    title: `1. TTLV codec (a Create request + a Get response, ${t.messageBytes} bytes of TTLV per operation)`,
    rows: [
      {
        label: "TTLV decode",
        value: num(t.decodeMBps),
        unit: "MB/s",
        ratio: ratio(t.decodeVsJsonParse, "vs JSON.parse"),
        detail: `${ratio(t.decodeMBps / memcpy, "of memcpy")}`,
        note: "decodeTtlv() of both messages: bytes -> TtlvItem tree (the server does this for every request)",
      },
      {
        label: "TTLV encode (reused encoder)",
        value: num(t.encodeMBps),
        unit: "MB/s",
        ratio: ratio(t.encodeVsJsonStringify, "vs JSON.stringify"),
        detail: `${ratio(t.encodeMBps / memcpy, "of memcpy")}`,
        note: "TtlvEncoder#encode() reusing one growing buffer: the server's response path",
      },
      {
        label: "TTLV encode (fresh encoder)",
        value: num(t.encodeFreshMBps),
        unit: "MB/s",
        ratio: ratio(t.encodeFreshMBps / t.encodeMBps, "vs reused"),
        note: "encodeTtlv(): a new encoder per message (allocation cost of not reusing)",
      },
      {
        label: "JSON.parse, same tree",
        value: num(jsonParseMBps),
        unit: "MB/s",
        ratio: "reference",
        note: "V8's native JSON.parse of the same tree as JSON, expressed in TTLV bytes of that tree per second",
      },
      {
        label: "JSON.stringify, same tree",
        value: num(jsonStringifyMBps),
        unit: "MB/s",
        ratio: "reference",
        note: "JSON.stringify (bigint/bytes replacer) of the same tree, in TTLV bytes per second",
      },
      {
        label: "memcpy ceiling",
        value: num(memcpy),
        unit: "MB/s",
        ratio: "ceiling",
        note: `Buffer#copy of ${t.messageBytes} bytes into a preallocated buffer: no codec can beat this`,
      },
    ],
  });

  // 2. Store, if the store micro-bench is there.
  const storeRows = await storeSection(o, log);
  if (storeRows.length > 0) {
    sections.push({ title: "2. Store transactions (bench/store.ts: one Create-shaped durable transaction)", rows: storeRows });
  }

  // 3. Round trips.
  const results: RoundTripResult[] = [];
  const runAll = async (target: BenchTarget, versions: readonly ProtocolVersion[]) => {
    try {
      for (const version of versions) {
        for (const connections of CONNECTIONS) {
          log(`${target.name} KMIP ${v(version)} x${connections}`);
          results.push(await benchRoundTrips(target, { connections, version, ...window }));
        }
      }
    } finally {
      await target.stop();
    }
  };
  if (o.profileDir) await mkdir(o.profileDir, { recursive: true });
  const profileDir = (name: string) => (o.profileDir ? join(o.profileDir, name) : undefined);
  const sqliteProfile = profileDir("custos-sqlite");
  await runAll(
    await spawnCustos({ name: "custos sqlite", ...(sqliteProfile ? { cpuProfileDir: sqliteProfile } : {}) }),
    [V12, V21],
  );
  if (o.postgres) {
    const db = await createScratchDatabase();
    try {
      const pgProfile = profileDir("custos-postgres");
      await runAll(
        await spawnCustos({
          name: "custos postgres",
          store: { kind: "postgres", url: db.url, poolSize: 16 },
          ...(pgProfile ? { cpuProfileDir: pgProfile } : {}),
        }),
        [V12, V21],
      );
    } finally {
      await db.drop();
    }
  }
  if (o.pykmip) await runAll(await startPykmip("PyKMIP 0.10"), [V12]);
  log("node:crypto ceiling");
  const ceiling = cryptoPairsPerSecond(o.quick ? 200 : 500);
  sections.push({ title: "3. Create+Get round trips (our KmipClient, TTLV over mutual TLS, AES-256 key)", rows: roundTripRows(results, ceiling) });

  const summary: string[] = [];
  if (o.profileDir) {
    for (const name of ["custos-sqlite", "custos-postgres"]) {
      const dir = join(o.profileDir, name);
      const files = await readdir(dir).catch(() => [] as string[]);
      for (const f of files.filter((x) => x.endsWith(".cpuprofile"))) {
        summary.push(formatProfileSummary(`${name} (${f})`, summariseProfile(join(dir, f), 25)));
      }
    }
  }
  heading.push(`total bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log(formatReport(heading, sections));
  for (const s of summary) console.log(`\n${s}`);
}

async function storeSection(o: Options, log: (s: string) => void): Promise<ReportRow[]> {
  const mod = await import("./store.js").catch(() => undefined);
  if (!mod || typeof mod.benchStore !== "function") return [];
  log("store (bench/store.ts)");
  const results = await mod.benchStore(o.quick ? { transactions: 300 } : {});
  return results
    .filter((r) => o.postgres || r.dialect === "sqlite")
    .map((r) => {
      const one = results.find((x) => x.dialect === r.dialect && x.callers === 1);
      return {
        label: `store ${r.dialect}, ${r.callers} caller${r.callers > 1 ? "s" : ""}`,
        value: num(r.perSecond),
        unit: "tx/s",
        ratio: r.callers === 1 ? "reference" : ratio(one ? r.perSecond / one.perSecond : undefined, "vs 1 caller"),
        note:
          r.callers === 1
            ? `${r.transactions} durable transactions one after the other (insert object + 3 index rows + audit)`
            : `${r.callers} concurrent callers: ${r.dialect === "sqlite" ? "group commit shares one fsync per batch" : "PostgreSQL commits in parallel on the pool"}`,
      };
    });
}

function roundTripRows(results: readonly RoundTripResult[], ceiling: number): ReportRow[] {
  const find = (target: string, version: ProtocolVersion, connections: number) =>
    results.find(
      (r) =>
        r.target === target &&
        r.connections === connections &&
        r.version.major === version.major &&
        r.version.minor === version.minor,
    );
  const pyTarget = results.find((r) => r.target.startsWith("PyKMIP"))?.target;
  const rows: ReportRow[] = results.map((r) => {
    const py = pyTarget && !r.target.startsWith("PyKMIP") ? find(pyTarget, r.version, r.connections) : undefined;
    const one = r.connections > 1 ? find(r.target, r.version, 1) : undefined;
    const ratios = [
      py ? ratio(r.pairsPerSecond / py.pairsPerSecond, "vs PyKMIP") : undefined,
      one ? ratio(r.pairsPerSecond / one.pairsPerSecond, "vs 1 conn") : undefined,
    ].filter((x) => x !== undefined);
    const cores = (x: number | undefined) => (x === undefined ? "n/a" : x.toFixed(2));
    const errors = r.errors > 0 ? `, ${r.errors} errors (first: ${r.firstError})` : "";
    return {
      label: `${r.target}, KMIP ${v(r.version)}, ${r.connections} conn`,
      value: num(r.pairsPerSecond),
      unit: "pairs/s",
      ratio: ratios.join(", ") || "reference",
      detail: `p50 ${num(r.p50Ms)} ms, p99 ${num(r.p99Ms)} ms; CPU cores: server ${cores(r.serverCores)}, client ${cores(r.clientCores)}${errors}`,
      note: explain(r),
    };
  });
  const best = Math.max(
    ...results.filter((r) => r.target.startsWith("custos")).map((r) => r.pairsPerSecond),
    Number.MIN_VALUE,
  );
  rows.push({
    label: "raw node:crypto ceiling",
    value: num(ceiling),
    unit: "pairs/s",
    ratio: ratio(ceiling / best, "vs best custos"),
    note: "randomBytes(32) + AES-256-GCM seal + open in this process, one core: the crypto a Create+Get cannot avoid; the gap is protocol, TLS, storage and fsync",
  });
  return rows;
}

function explain(r: RoundTripResult): string {
  const server = r.target.startsWith("PyKMIP")
    ? "PyKMIP's reference server (Python, SQLAlchemy over SQLite, thread per connection, logging at WARNING)"
    : r.target.includes("postgres")
      ? "custos on PostgreSQL (pool of 16, every Create committed durably)"
      : "custos on SQLite (WAL, synchronous=FULL, group commit)";
  const load =
    r.connections === 1
      ? "one connection, Create then Get, strictly sequential: latency-bound"
      : `${r.connections} connections each running pairs back to back: throughput under concurrency`;
  return `${server}; ${load}`;
}

await main();
