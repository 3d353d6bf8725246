/**
 * `npm run bench`: one run, one report (stdout; progress on stderr).
 *   1. TTLV codec throughput (bench/ttlv.ts) next to JSON and memcpy in the same process;
 *   2. store transactions per second (bench/store.ts), when that bench is present;
 *   3. Create+Get round trips per second with our KmipClient over TTLV/mTLS against custos
 *      (SQLite, PostgreSQL; KMIP 1.2 and 2.1) and PyKMIP's server (KMIP 1.2), with 1 and
 *      16 connections, next to sequential-commit and node:crypto ceilings;
 *   4. KMIP Encrypt/Decrypt (AES-256-GCM) and Sign (ECDSA, RSA, Ed25519) as a ratio of
 *      node:crypto doing the same work (bench/crypto.ts).
 *
 * Flags: --quick (short windows, a smoke run), --profile[=DIR] (custos runs with
 * --cpu-prof into DIR, default ./bench-profiles, and its hot spots are printed),
 * --no-pykmip, --no-postgres, --no-store, --no-crypto.
 */
import { spawnSync } from "node:child_process";
import { mkdir, readdir } from "node:fs/promises";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { SYSTEM_PYTHON } from "../test/interop/pykmip-server.js";
import { codecSection } from "./codec-section.js";
import { benchCrypto } from "./crypto.js";
import { formatProfileSummary, summariseProfile } from "./profile-summary.js";
import { formatReport, type ReportSection } from "./report.js";
import { roundTripSection } from "./roundtrip-section.js";
import { storeSection } from "./store-section.js";

interface Options {
  readonly quick: boolean;
  readonly profileDir: string | undefined;
  readonly pykmip: boolean;
  readonly postgres: boolean;
  readonly store: boolean;
  readonly crypto: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const profile = argv.find((a) => a === "--profile" || a.startsWith("--profile="));
  return {
    quick: argv.includes("--quick"),
    profileDir: profile === undefined ? undefined : resolve(profile.split("=")[1] ?? "bench-profiles"),
    pykmip: !argv.includes("--no-pykmip"),
    postgres: !argv.includes("--no-postgres"),
    store: !argv.includes("--no-store"),
    crypto: !argv.includes("--no-crypto"),
  };
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function profileSummaries(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of ["custos-sqlite", "custos-postgres"]) {
    const files = await readdir(join(dir, name)).catch(() => [] as string[]);
    for (const f of files.filter((x) => x.endsWith(".cpuprofile"))) {
      out.push(
        formatProfileSummary(`${name} CPU profile (${join(dir, name, f)})`, summariseProfile(join(dir, name, f))),
      );
    }
  }
  return out;
}

/** Fails at once, not minutes into the run, when PyKMIP's server cannot be imported. */
function checkPykmip(): void {
  const r = spawnSync(SYSTEM_PYTHON, ["-I", "-c", "import kmip.services.server"], { stdio: "ignore" });
  if (r.status !== 0) {
    process.stderr.write(
      `[bench] PyKMIP is not importable by ${SYSTEM_PYTHON}: run \`bash scripts/test-setup.sh\` (installs ` +
        "python3-pykmip), or pass --no-pykmip to leave PyKMIP out\n",
    );
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.pykmip) checkPykmip();
  const started = performance.now();
  const window = o.quick ? { warmupMs: 300, durationMs: 1_000 } : { warmupMs: 1_000, durationMs: 4_000 };
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const cpu = cpus();
  const heading = [
    `custos benchmark, ${new Date().toISOString()}${o.quick ? " (--quick: short windows, numbers are rough)" : ""}`,
    `machine: ${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}`,
    `node ${process.version}; load average at start ${load()}`,
    `round trips: ${window.warmupMs} ms warm-up + ${window.durationMs} ms measured per line; each server runs in its own process, the client in this one`,
  ];
  const sections: ReportSection[] = [];

  log("TTLV codec");
  sections.push(await codecSection(o.quick));
  if (o.store) {
    log("store (bench/store.ts)");
    const store = await storeSection(o.quick, o.postgres);
    if (store) sections.push(store);
  }
  if (o.profileDir) await mkdir(o.profileDir, { recursive: true });
  sections.push(
    await roundTripSection({
      ...window,
      postgres: o.postgres,
      pykmip: o.pykmip,
      profileDir: o.profileDir,
      log,
    }),
  );
  if (o.crypto) sections.push(await benchCrypto({ ...window, log }));

  heading.push(
    `load average at end ${load()}; total bench time ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(formatReport(heading, sections));
  if (o.profileDir) for (const s of await profileSummaries(o.profileDir)) console.log(`\n${s}`);
}

await main();
