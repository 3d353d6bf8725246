import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig, loadConfig } from "../../src/config/load.js";
import { SETTINGS } from "../../src/config/schema.js";

describe("defaultConfig", () => {
  it("fills every setting with its documented default", () => {
    const config = defaultConfig("/srv/custos");
    expect(config).toEqual({
      dataDir: "/srv/custos",
      kmip: {
        host: "127.0.0.1",
        port: 5696,
        tlsMinVersion: "TLSv1.2",
        certFile: "/srv/custos/pki/server.crt",
        keyFile: "/srv/custos/pki/server.key",
        caFile: "/srv/custos/pki/ca.crt",
        maxConnections: 1024,
        maxConnectionsPerIdentity: 64,
        idleTimeoutMs: 120_000,
        handshakeTimeoutMs: 10_000,
        maxMessageBytes: 4_194_304,
        maxDepth: 32,
        maxItems: 100_000,
        maxBatchItems: 64,
      },
      store: { kind: "sqlite", path: "/srv/custos/custos.db" },
      masterKeyFile: "/srv/custos/master.key",
      admins: [],
      workers: 1,
      log: { level: "info" },
    });
  });

  it("resolves the default data folder ./data against the working directory", () => {
    const config = defaultConfig();
    expect(config.dataDir).toBe(resolve(process.cwd(), "data"));
    expect(defaultConfig("rel/dir").dataDir).toBe(resolve(process.cwd(), "rel/dir"));
  });

  it("every path in the result is absolute", () => {
    const c = defaultConfig("x");
    for (const p of [c.dataDir, c.kmip.certFile, c.kmip.keyFile, c.kmip.caFile, c.masterKeyFile]) {
      expect(isAbsolute(p)).toBe(true);
    }
  });

  it("is deeply frozen", () => {
    const config = defaultConfig("/d");
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.kmip)).toBe(true);
    expect(Object.isFrozen(config.store)).toBe(true);
    expect(Object.isFrozen(config.admins)).toBe(true);
    expect(Object.isFrozen(config.log)).toBe(true);
    expect(() => {
      (config.kmip as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(() => (config.admins as string[]).push("x")).toThrow(TypeError);
  });

  it("does not share mutable state between calls", () => {
    expect(defaultConfig("/a").admins).not.toBe(defaultConfig("/a").admins);
  });

  it("matches loadConfig with no file and an empty environment", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "custos-config-"));
    const loaded = await loadConfig({ env: {}, cwd });
    expect(loaded).toEqual(defaultConfig(join(cwd, "data")));
    await rm(cwd, { recursive: true, force: true });
  });
});

describe("SETTINGS", () => {
  it("every fixed default is valid for its own type", () => {
    for (const s of SETTINGS) {
      if (s.default === undefined || typeof s.default === "function") continue;
      const parsed = s.type.fromJson(s.default, { baseDir: "/" });
      expect(parsed, s.path).toEqual({ ok: true, value: s.default });
    }
  });

  it("has unique paths, none a prefix group of another", () => {
    const paths = SETTINGS.map((s) => s.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of paths)
      expect(
        paths.some((q) => q.startsWith(`${p}.`)),
        p,
      ).toBe(false);
  });

  it("lists dataDir first (other defaults depend on it)", () => {
    expect(SETTINGS[0]?.path).toBe("dataDir");
  });
});
