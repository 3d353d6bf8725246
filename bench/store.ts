/**
 * Store micro-benchmark: durable "Create"-shaped transactions per second (insert an
 * object with sealed material and three index entries, plus one audit record), with 1
 * and with 16 concurrent transaction() callers, on SQLite (WAL, synchronous=FULL, group
 * commit) and PostgreSQL, optionally SQLite with group commit disabled at 16 callers. Each
 * dialect's 1-caller run is the reference its other runs are printed as a ratio of.
 *
 *   npx tsc -p tsconfig.json --outDir /tmp/custos-bench && node /tmp/custos-bench/bench/store.js
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { KyselyStore } from "../src/store/kysely-store.js";
import { MasterKey } from "../src/store/master-key.js";
import { migrate } from "../src/store/migrations.js";
import { openStore, type StoreConfig } from "../src/store/open-store.js";
import { createSqliteBackend } from "../src/store/sqlite/sqlite-backend.js";
import type { Store } from "../src/store/store.js";
import { createScratchDatabase } from "./postgres-scratch.js";

export interface StoreBenchResult {
  /** "sqlite-1-per-commit" is SQLite with group commit disabled (batches of one): the reference for it. */
  readonly dialect: "sqlite" | "sqlite-1-per-commit" | "postgres";
  readonly callers: number;
  readonly transactions: number;
  readonly perSecond: number;
}

export interface StoreBenchOptions {
  /** Transactions per run. */
  readonly transactions?: number;
  /** Maintenance database used to create and drop the scratch database. */
  readonly pgAdminUrl?: string;
  /** Dialects to measure (default both; PostgreSQL must be reachable when listed). */
  readonly dialects?: readonly ("sqlite" | "postgres")[];
  /** Also measure SQLite at 16 callers with group commit disabled (default false). */
  readonly withoutGroupCommit?: boolean;
}

const DEFAULT_TRANSACTIONS = 2_000;
const CALLERS = [1, 16] as const;

export async function benchStore(options: StoreBenchOptions = {}): Promise<StoreBenchResult[]> {
  const transactions = options.transactions ?? DEFAULT_TRANSACTIONS;
  const results: StoreBenchResult[] = [];
  for (const dialect of options.dialects ?? (["sqlite", "postgres"] as const)) {
    for (const callers of CALLERS) {
      const scratch = dialect === "sqlite" ? await sqliteScratch() : await postgresScratch(options.pgAdminUrl);
      try {
        const store = await openStore(scratch.config, MasterKey.fromBytes(randomBytes(32)));
        try {
          const perSecond = await run(store, callers, transactions);
          results.push({ dialect, callers, transactions, perSecond });
        } finally {
          await store.close();
        }
      } finally {
        await scratch.drop();
      }
    }
  }
  if (options.withoutGroupCommit) {
    const scratch = await sqliteScratch();
    try {
      const backend = createSqliteBackend({ path: scratch.path, maxBatch: 1 });
      await migrate(backend.db, "sqlite");
      const store = new KyselyStore(backend, MasterKey.fromBytes(randomBytes(32)));
      try {
        results.push({
          dialect: "sqlite-1-per-commit",
          callers: 16,
          transactions,
          perSecond: await run(store, 16, transactions),
        });
      } finally {
        await store.close();
      }
    } finally {
      await scratch.drop();
    }
  }
  for (const r of results) {
    const reference =
      results.find((x) => x.dialect === r.dialect && x.callers === 1) ??
      results.find((x) => x.dialect === "sqlite" && x.callers === 1);
    const ratio = reference ? (r.perSecond / reference.perSecond).toFixed(2) : "-";
    console.log(
      `store ${r.dialect.padEnd(19)} callers=${String(r.callers).padStart(2)}  ${r.perSecond.toFixed(0).padStart(7)} tx/s  x${ratio} vs 1 caller`,
    );
  }
  return results;
}

async function run(store: Store, callers: number, transactions: number): Promise<number> {
  let next = 0;
  const material = new Uint8Array(randomBytes(32));
  const worker = async () => {
    for (let n = next++; n < transactions; n = next++) {
      const id = `bench-${n}`;
      await store.transaction(async (tx) => {
        await tx.insertObject({
          id,
          owner: "bench",
          objectType: 2,
          state: 1,
          attributes: new Uint8Array(200),
          material,
          index: [
            { name: "Cryptographic Algorithm", value: "3" },
            { name: "Cryptographic Length", value: "256" },
            { name: "Name", value: id },
          ],
        });
        await tx.audit({ actor: "bench", action: "kmip.Create", objectId: id, details: { n } });
      });
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: callers }, worker));
  return (transactions * 1000) / (performance.now() - start);
}

interface Scratch {
  readonly config: StoreConfig;
  drop(): Promise<void>;
}

async function sqliteScratch(): Promise<Scratch & { readonly path: string }> {
  const dir = await mkdtemp(join(tmpdir(), "custos-bench-"));
  const path = join(dir, "bench.db");
  return { path, config: { kind: "sqlite", path }, drop: () => rm(dir, { recursive: true }) };
}

async function postgresScratch(adminUrl?: string): Promise<Scratch> {
  const db = await createScratchDatabase(adminUrl);
  return { config: { kind: "postgres", url: db.url, poolSize: 16 }, drop: () => db.drop() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchStore({ withoutGroupCommit: true });
}
