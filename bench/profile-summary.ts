/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per area of the code
 * (custos layers, kysely, better-sqlite3, pg, TLS, GC...) and the top functions by
 * self time, so a slow benchmark comes with evidence of where the server spends it.
 *
 *   node .bench-build/bench/profile-summary.js <file.cpuprofile> [topN]
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

interface ProfileNode {
  readonly id: number;
  readonly children?: readonly number[];
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface ProfileShare {
  readonly name: string;
  readonly ms: number;
  /** Share of the non-idle samples. */
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly busyMs: number;
  /** Samples where the event loop waited (I/O, timers). */
  readonly idleMs: number;
  readonly areas: readonly ProfileShare[];
  readonly functions: readonly ProfileShare[];
}

/** Which part of the stack a frame belongs to, from its script URL. */
function areaOf(url: string, functionName: string): string {
  if (url === "") {
    if (functionName === "(idle)") return "(idle)";
    if (functionName === "(garbage collector)") return "GC";
    if (functionName === "(program)") return "(program: native, not attributed)";
    return `native ${functionName || "(anonymous)"}`;
  }
  const src = /\/(?:src|bench|test)\/([a-z-]+)\//.exec(url);
  if (src && !url.includes("node_modules")) return `custos src/${src[1]}`;
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod) return `npm ${mod[1]}`;
  if (url.startsWith("node:")) {
    const m = /^node:(?:internal\/)?([a-z_]+)/.exec(url);
    return `node ${m?.[1] ?? url}`;
  }
  return url;
}

/**
 * better-sqlite3 runs SQL synchronously in native code, which the profiler charges to
 * the JS frame that called it: Kysely's SqliteConnection#executeQuery, or the counting
 * wrapper of bench/sql-stats.ts around it. Split that time by what Kysely was doing:
 * COMMIT (the WAL write and fsync) or any other statement.
 */
function sqliteArea(chain: readonly ProfileNode["callFrame"][]): string | undefined {
  const [f] = chain;
  if (f === undefined) return undefined;
  const native =
    (f.functionName === "executeQuery" && f.url.includes("dialect/sqlite/sqlite-driver")) ||
    f.url.includes("bench/sql-stats");
  if (!native) return undefined;
  return chain.slice(1, 4).some((c) => c.functionName === "commitTransaction")
    ? "SQLite COMMIT (native, synchronous: WAL write + fsync)"
    : "SQLite other statements (native, synchronous)";
}

export function summariseProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let idle = 0;
  for (const [id, ms] of selfMs) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const chain = [f];
    for (let p = parentOf.get(id); p !== undefined && chain.length < 4; p = parentOf.get(p)) {
      const frame = byId.get(p)?.callFrame;
      if (frame) chain.push(frame);
    }
    const area = sqliteArea(chain) ?? areaOf(f.url, f.functionName);
    if (area === "(idle)") {
      idle += ms;
      continue;
    }
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const where = f.url ? `${f.url.replace(/^.*\/(node_modules|src|bench|test)\//, "$1/")}:${f.lineNumber + 1}` : "";
    const key = `${f.functionName || "(anonymous)"} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + ms);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const busyMs = [...areas.values()].reduce((a, b) => a + b, 0);
  const rank = (m: Map<string, number>, n: number): ProfileShare[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms, share: ms / busyMs }));
  return { totalMs, busyMs, idleMs: idle, areas: rank(areas, 15), functions: rank(functions, top) };
}

export function formatProfileSummary(title: string, s: ProfileSummary): string {
  const line = (p: ProfileShare) =>
    `  ${(p.share * 100).toFixed(1).padStart(5)}%  ${p.ms.toFixed(0).padStart(7)} ms  ${p.name}`;
  return [
    `${title}\n ${s.totalMs.toFixed(0)} ms profiled: main thread in JS or in a native call ${s.busyMs.toFixed(0)} ms (synchronous I/O included), idle in the event loop ${s.idleMs.toFixed(0)} ms`,
    " by area (self time, share of the non-idle time):",
    ...s.areas.map(line),
    " top functions (self time):",
    ...s.functions.map(line),
  ].join("\n");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [topN]");
  console.log(formatProfileSummary(file, summariseProfile(file, Number(process.argv[3] ?? 25))));
}
