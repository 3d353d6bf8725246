import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KmipClient } from "../../src/client/kmip-client.js";
import { initDataDir } from "../../src/pkix/dev-pki.js";
import { devPkiPaths } from "../../src/pkix/dev-pki-paths.js";
import { MasterKey } from "../../src/store/master-key.js";
import { openStore } from "../../src/store/open-store.js";
import { CryptographicAlgorithm } from "../../src/ttlv/enums.js";

const BIN = new URL("../../bin/custos.js", import.meta.url).pathname;

/** The worker pids of a primary (its child processes). */
function workerPids(primary: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(primary)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `custos serve --workers 2` as a user runs it (the built CLI, dist/): two worker processes
 * behind one port on one SQLite file. Concurrent clients are all served and every write
 * is kept (the audit chains of both workers verify afterwards), a worker killed with
 * SIGKILL is replaced while the other keeps serving, and SIGTERM stops the whole group.
 */
describe("custos serve --workers 2 (SQLite)", () => {
  let dir: string;
  let primary: ChildProcess;
  let output = "";
  let port = 0;
  let connect: () => Promise<KmipClient>;
  const clients: KmipClient[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "custos-cluster-"));
    await initDataDir(dir);
    primary = spawn(process.execPath, [BIN, "serve", "--data-dir", dir, "--workers", "2", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CUSTOS_LOG_LEVEL: "info" },
    });
    primary.stdout?.on("data", (d) => {
      output += String(d);
    });
    primary.stderr?.on("data", (d) => {
      output += String(d);
    });
    port = await until("the cluster to listen", () => {
      const m = /listening on 127\.0\.0\.1:(\d+) \(mutual TLS\) in 2 worker processes/.exec(output);
      return m ? Number(m[1]) : undefined;
    });
    const paths = devPkiPaths(dir);
    const creds = {
      host: "127.0.0.1",
      port,
      ca: await readFile(paths.caCert),
      cert: await readFile(paths.adminCert),
      key: await readFile(paths.adminKey),
      servername: "localhost",
    };
    connect = async () => {
      const c = await KmipClient.connect(creds);
      clients.push(c);
      return c;
    };
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    if (primary.exitCode === null) primary.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  it("serves concurrent clients and keeps every write", async () => {
    expect(workerPids(primary.pid as number)).toHaveLength(2);
    const conns = await Promise.all(Array.from({ length: 8 }, () => connect()));
    const ids = (
      await Promise.all(
        conns.map(async (c) => {
          const mine: string[] = [];
          for (let i = 0; i < 15; i++) {
            const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
            expect((await c.get(id)).material).toHaveLength(32);
            mine.push(id);
          }
          return mine;
        }),
      )
    ).flat();
    expect(new Set(ids).size).toBe(120);
  }, 60_000);

  it("replaces a worker killed with SIGKILL while the other keeps serving, each in turn", async () => {
    const serveSome = async () => {
      for (let i = 0; i < 3; i++) {
        const c = await connect();
        const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
        expect((await c.get(id)).material).toHaveLength(16);
      }
    };
    let pids = workerPids(primary.pid as number);
    for (const round of [0, 1]) {
      const victim = pids[0] as number;
      const survivor = pids[1] as number;
      process.kill(victim, "SIGKILL");
      await until(`worker ${victim} to be gone`, () =>
        workerPids(primary.pid as number).includes(victim) ? undefined : true,
      );
      // Only the survivor accepts now: it alone serves these.
      await serveSome();
      // Replaced once the new worker listens (the primary logs it then).
      await until("a replacement worker", () =>
        (output.match(/cluster: worker replaced/g)?.length ?? 0) === round + 1 ? true : undefined,
      );
      pids = workerPids(primary.pid as number);
      expect(pids).toHaveLength(2);
      expect(pids).toContain(survivor);
      expect(pids).not.toContain(victim);
      // Next round kills the survivor, so the replacement alone serves: every process served.
      pids = [survivor, ...pids.filter((p) => p !== survivor)];
      expect(round === 0 || output.match(/cluster: worker died/g)?.length === 2).toBe(true);
    }
    await serveSome();
  }, 90_000);

  it("stops every process on SIGTERM, and the audit chains of both workers verify", async () => {
    for (const c of clients.splice(0)) await c.close();
    const pids = workerPids(primary.pid as number);
    const exited = new Promise<number | null>((resolve) => primary.once("exit", (code) => resolve(code)));
    primary.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toMatch(/custos: stopped/);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    const store = await openStore(
      { kind: "sqlite", path: join(dir, "custos.db") },
      await MasterKey.loadOrCreate(join(dir, "master.key")),
    );
    try {
      expect(await store.verifyAudit()).toBeUndefined();
      expect(await store.findObjectIds({})).toHaveLength(129);
    } finally {
      await store.close();
    }
  }, 60_000);
});
