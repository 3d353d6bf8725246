import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { envVarName } from "../../src/config/env.js";
import { ConfigError } from "../../src/config/errors.js";
import { loadConfig } from "../../src/config/load.js";
import { SETTINGS } from "../../src/config/schema.js";

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "custos-valid-"));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** Runs loadConfig expecting a ConfigError; returns it. */
async function failure(options: Parameters<typeof loadConfig>[0]): Promise<ConfigError> {
  try {
    await loadConfig({ cwd, ...options });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("loadConfig accepted an invalid configuration");
}

async function fileWith(value: unknown): Promise<string> {
  const path = join(cwd, `c${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

/** Builds the nested file object holding `value` at a dotted path. */
function nested(path: string, value: unknown): Record<string, unknown> {
  return path
    .split(".")
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** One bad value per setting, from the environment and from a file, with what the message must say. */
const BAD: Record<string, { env: string; json: unknown; expected: string; extraEnv?: Record<string, string> }> = {
  dataDir: { env: " ", json: 42, expected: "expected a non-empty path" },
  "kmip.host": { env: "not a host!", json: ["127.0.0.1"], expected: "expected an IP address or host name" },
  "kmip.port": { env: "abc", json: 70000, expected: "expected an integer 1-65535" },
  "kmip.tlsMinVersion": { env: "TLSv1.1", json: "tlsv1.3", expected: 'expected one of "TLSv1.2", "TLSv1.3"' },
  "kmip.certFile": { env: "  ", json: "", expected: "expected a non-empty path" },
  "kmip.keyFile": { env: "\t", json: null, expected: "expected a non-empty path" },
  "kmip.caFile": { env: " ", json: false, expected: "expected a non-empty path" },
  "kmip.maxConnections": { env: "0", json: 1.5, expected: "expected an integer 1-1000000" },
  "kmip.maxConnectionsPerIdentity": { env: "0", json: -3, expected: "expected an integer 1-1000000" },
  "kmip.idleTimeoutMs": { env: "-1", json: "120000", expected: "expected an integer 1000-86400000" },
  "kmip.handshakeTimeoutMs": { env: "1e4", json: 0, expected: "expected an integer 100-600000" },
  "kmip.maxMessageBytes": { env: "4MiB", json: 1_073_741_825, expected: "expected an integer 1024-1073741824" },
  "kmip.maxDepth": { env: "0x20", json: -3, expected: "expected an integer 1-1024" },
  "kmip.maxItems": { env: "12 ", json: true, expected: "expected an integer 1-100000000" },
  "kmip.maxBatchItems": { env: "0", json: 10_001, expected: "expected an integer 1-10000" },
  "store.kind": { env: "mysql", json: "SQLite", expected: 'expected one of "sqlite", "postgres"' },
  "store.path": { env: " ", json: 3, expected: "expected a non-empty path" },
  "store.url": { env: "mysql://db/x", json: "not a url", expected: "expected a postgres:// or postgresql:// URL" },
  "store.poolSize": {
    env: "0",
    json: 1001,
    expected: "expected an integer 1-1000",
    extraEnv: { CUSTOS_STORE_URL: "postgres://db/x" },
  },
  masterKeyFile: { env: " ", json: {}, expected: "expected a non-empty path" },
  admins: { env: "a,b,a", json: ["a", 1], expected: "expected a list of distinct non-empty strings" },
  workers: { env: "0", json: 257, expected: "expected an integer 1-256" },
  "log.level": { env: "verbose", json: "INFO", expected: "expected one of" },
};

describe("validation names the field and the source", () => {
  it("has a bad-value case for every setting", () => {
    expect(Object.keys(BAD).sort()).toEqual(SETTINGS.map((s) => s.path).sort());
  });

  for (const s of SETTINGS) {
    const bad = BAD[s.path]!;
    const variable = envVarName(s.path);

    it(`${s.path} from ${variable}`, async () => {
      const error = await failure({ env: { ...bad.extraEnv, [variable]: bad.env } });
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]).toMatchObject({ kind: "invalid", path: s.path, source: variable });
      expect(error.message).toMatch(new RegExp(`^config: ${s.path.replace(".", "\\.")}: `));
      expect(error.message).toContain(bad.expected);
      expect(error.message).toContain(`(from ${variable})`);
      if (s.secret !== true) expect(error.message).toContain(`got ${JSON.stringify(bad.env)}`);
    });

    it(`${s.path} from a file`, async () => {
      const file = await fileWith(
        s.path.startsWith("store.") && s.path !== "store.kind" && s.path !== "store.path"
          ? { store: { kind: "postgres", url: "postgres://db/x", [s.path.slice(6)]: bad.json } }
          : nested(s.path, bad.json),
      );
      const error = await failure({ file, env: {} });
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]).toMatchObject({ kind: "invalid", path: s.path, source: file });
      expect(error.message).toContain(`config: ${s.path}: ${bad.expected}`);
      expect(error.message).toContain(`(from ${file})`);
    });
  }

  it("formats the message exactly as documented", async () => {
    const error = await failure({ env: { CUSTOS_KMIP_PORT: "abc" } });
    expect(error.message).toBe('config: kmip.port: expected an integer 1-65535, got "abc" (from CUSTOS_KMIP_PORT)');
    expect(error.code).toBe("CUSTOS_CONFIG_INVALID");
    expect(error.name).toBe("ConfigError");
  });

  it("reports every problem at once, one line each", async () => {
    const error = await failure({
      env: { CUSTOS_KMIP_PORT: "0", CUSTOS_LOG_LEVEL: "loud", CUSTOS_KMIP_MAX_DEPTH: "x" },
    });
    expect(error.issues.map((i) => i.path).sort()).toEqual(["kmip.maxDepth", "kmip.port", "log.level"]);
    expect(error.message.split("\n")).toHaveLength(3);
  });

  it("never echoes a bad postgres URL (it may hold a password)", async () => {
    const error = await failure({ env: { CUSTOS_STORE_URL: "mysql://user:hunter2@db/x" } });
    expect(error.message).not.toContain("hunter2");
    expect(error.message).toContain("store.url");
  });

  it("accepts exactly the integers in range from text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -100_000, max: 100_000 }), async (port) => {
        const load = loadConfig({ cwd, env: { CUSTOS_KMIP_PORT: String(port) } });
        if (port >= 1 && port <= 65535) expect((await load).kmip.port).toBe(port);
        else await expect(load).rejects.toThrow("config: kmip.port: expected an integer 1-65535");
      }),
      { numRuns: 200 },
    );
  });
});

describe("file structure errors", () => {
  it("rejects unknown keys at any level, with a hint for typos", async () => {
    const file = await fileWith({ kmip: { prot: 1 }, extra: true, store: { kind: "sqlite", pth: "x" } });
    const error = await failure({ file, env: {} });
    expect(error.issues.map((i) => [i.kind, i.path])).toEqual([
      ["unknown", "kmip.prot"],
      ["unknown", "extra"],
      ["unknown", "store.pth"],
    ]);
    expect(error.message).toContain('config: kmip.prot: unknown setting (did you mean "kmip.port"?)');
    expect(error.message).toContain("config: extra: unknown setting (from");
  });

  it("treats __proto__ as an unknown key, not as a prototype", async () => {
    const file = await fileWith('{"__proto__": {"admins": ["evil"]}, "kmip": {"__proto__": {"port": 1}}}');
    const error = await failure({ file, env: {} });
    expect(error.issues.map((i) => i.path)).toEqual(["__proto__", "kmip.__proto__"]);
    expect(({} as Record<string, unknown>).admins).toBeUndefined();
  });

  it("requires objects for groups and for the whole file", async () => {
    const error = await failure({ file: await fileWith({ kmip: 5696 }), env: {} });
    expect(error.message).toContain("config: kmip: expected an object, got 5696");
    const top = await failure({ file: await fileWith([1, 2]), env: {} });
    expect(top.message).toContain("config: expected an object, got [1,2]");
  });

  it("reports a file that is not JSON or cannot be read", async () => {
    const broken = await fileWith("{ kmip: ");
    expect((await failure({ file: broken, env: {} })).message).toMatch(
      /^config: config file is not valid JSON: .*\(from .*\)$/,
    );
    const missing = await failure({ file: join(cwd, "absent.json"), env: {} });
    expect(missing.issues[0]).toMatchObject({ kind: "file", path: "", source: join(cwd, "absent.json") });
    expect(missing.message).toContain("cannot read config file");
  });

  it("rejects dataDir inside the data folder's own custos.json", async () => {
    await mkdir(join(cwd, "data"));
    await writeFile(join(cwd, "data", "custos.json"), JSON.stringify({ dataDir: "/elsewhere" }));
    const error = await failure({ env: {} });
    expect(error.issues[0]).toMatchObject({ kind: "conflict", path: "dataDir" });
  });
});

describe("store variant errors", () => {
  it("requires store.url for postgres, naming where the kind came from", async () => {
    const error = await failure({ env: { CUSTOS_STORE_KIND: "postgres" } });
    expect(error.message).toBe('config: store.url: required when store.kind is "postgres" (from CUSTOS_STORE_KIND)');
    expect(error.issues[0]?.kind).toBe("missing");
  });

  it("rejects a setting of the other kind given by the same source", async () => {
    const file = await fileWith({ store: { kind: "sqlite", url: "postgres://db/x" } });
    const error = await failure({ file, env: {} });
    expect(error.issues[0]).toMatchObject({ kind: "conflict", path: "store.url", source: file });
    expect(error.message).toContain('only applies when store.kind is "postgres", but it is "sqlite"');

    const env = await failure({ env: { CUSTOS_STORE_KIND: "sqlite", CUSTOS_STORE_POOL_SIZE: "3" } });
    expect(env.issues[0]).toMatchObject({ kind: "conflict", path: "store.poolSize", source: "CUSTOS_STORE_POOL_SIZE" });
  });

  it("rejects settings implying different kinds at once", async () => {
    const error = await failure({ env: { CUSTOS_STORE_PATH: "/db", CUSTOS_STORE_URL: "postgres://db/x" } });
    expect(error.issues[0]).toMatchObject({ kind: "conflict", path: "store.path, store.url" });
    expect(error.message).toContain("they imply different values of store.kind");
  });
});
