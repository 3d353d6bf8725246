import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { KmipClient } from "../../src/client/kmip-client.js";
import { loadConfig } from "../../src/config/load.js";
import type { CustosConfig, StoreConfig } from "../../src/config/schema.js";
import type { ProtocolVersion } from "../../src/kmip/version.js";
import { type RunningCustos, startCustos } from "../../src/main.js";
import { initDataDir } from "../../src/pkix/dev-pki.js";
import { devPkiPaths } from "../../src/pkix/dev-pki-paths.js";

export interface Harness {
  readonly custos: RunningCustos;
  readonly dataDir: string;
  readonly port: number;
  readonly paths: ReturnType<typeof devPkiPaths>;
  /** A client for the "admin" (administrator) or "user" identity. */
  client(who?: "admin" | "user", version?: ProtocolVersion): Promise<KmipClient>;
  stop(): Promise<void>;
}

/**
 * Starts a real custos on 127.0.0.1 with a random port, a fresh data folder and the
 * development PKI. `admins` defaults to none, so "admin" is an ordinary identity unless
 * the test names it.
 */
export async function startHarness(
  options: { admins?: string[]; store?: StoreConfig; tweak?: (c: CustosConfig) => CustosConfig } = {},
): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), "custos-test-"));
  await initDataDir(dataDir);
  const loaded = await loadConfig({ dataDir, env: {} });
  let config: CustosConfig = {
    ...loaded,
    admins: options.admins ?? [],
    kmip: { ...loaded.kmip, port: 0 },
    store: options.store ?? loaded.store,
    log: { level: "silent" },
  };
  if (options.tweak) config = options.tweak(config);
  const custos = await startCustos(config, { logger: pino({ level: "silent" }) });
  const paths = devPkiPaths(dataDir);
  const ca = await readFile(paths.caCert);
  const creds = {
    admin: { cert: await readFile(paths.adminCert), key: await readFile(paths.adminKey) },
    user: { cert: await readFile(paths.userCert), key: await readFile(paths.userKey) },
  };
  const clients: KmipClient[] = [];
  return {
    custos,
    dataDir,
    port: custos.kmip.port,
    paths,
    async client(who = "admin", version) {
      const c = await KmipClient.connect({
        host: "127.0.0.1",
        port: custos.kmip.port,
        ca,
        ...creds[who],
        servername: "localhost",
        ...(version ? { version } : {}),
      });
      clients.push(c);
      return c;
    },
    async stop() {
      await Promise.allSettled(clients.map((c) => c.close()));
      await custos.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
