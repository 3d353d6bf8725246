import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "custos-load-"));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function writeJson(path: string, value: unknown): Promise<string> {
  await writeFile(path, JSON.stringify(value));
  return path;
}

describe("loadConfig sources", () => {
  it("reads a config file and resolves its relative paths against the file's directory", async () => {
    await mkdir(join(cwd, "etc"));
    const file = await writeJson(join(cwd, "etc", "custos.json"), {
      dataDir: "../var/custos",
      kmip: { port: 15696, certFile: "tls/server.pem" },
      admins: ["alice"],
      log: { level: "debug" },
    });
    const config = await loadConfig({ file, env: {}, cwd });
    expect(config.dataDir).toBe(join(cwd, "var/custos"));
    expect(config.kmip.port).toBe(15696);
    expect(config.kmip.certFile).toBe(join(cwd, "etc/tls/server.pem"));
    // untouched path defaults follow the data folder
    expect(config.kmip.keyFile).toBe(join(cwd, "var/custos/pki/server.key"));
    expect(config.store).toEqual({ kind: "sqlite", path: join(cwd, "var/custos/custos.db") });
    expect(config.admins).toEqual(["alice"]);
    expect(config.log.level).toBe("debug");
  });

  it("lets environment variables win over the file", async () => {
    const file = await writeJson(join(cwd, "c.json"), { kmip: { port: 1111, host: "10.0.0.1" }, admins: ["a"] });
    const config = await loadConfig({
      file,
      cwd,
      env: { CUSTOS_KMIP_PORT: "2222", CUSTOS_ADMINS: " x , y,,", CUSTOS_KMIP_MAX_MESSAGE_BYTES: "65536" },
    });
    expect(config.kmip.port).toBe(2222);
    expect(config.kmip.host).toBe("10.0.0.1");
    expect(config.admins).toEqual(["x", "y"]);
    expect(config.kmip.maxMessageBytes).toBe(65536);
  });

  it("lets the dataDir option win over the environment and the file", async () => {
    const file = await writeJson(join(cwd, "c.json"), { dataDir: "/from/file" });
    const config = await loadConfig({ file, cwd, dataDir: "opt", env: { CUSTOS_DATA_DIR: "/from/env" } });
    expect(config.dataDir).toBe(join(cwd, "opt"));
    expect(config.masterKeyFile).toBe(join(cwd, "opt/master.key"));
  });

  it("resolves relative environment paths against the working directory", async () => {
    const config = await loadConfig({ cwd, env: { CUSTOS_DATA_DIR: "d", CUSTOS_MASTER_KEY_FILE: "keys/mk" } });
    expect(config.dataDir).toBe(join(cwd, "d"));
    expect(config.masterKeyFile).toBe(join(cwd, "keys/mk"));
  });

  it("ignores empty environment variables", async () => {
    const config = await loadConfig({ cwd, env: { CUSTOS_KMIP_PORT: "", CUSTOS_LOG_LEVEL: "" } });
    expect(config.kmip.port).toBe(5696);
    expect(config.log.level).toBe("info");
  });

  it("uses <dataDir>/custos.json when no file is given", async () => {
    await mkdir(join(cwd, "data"));
    await writeJson(join(cwd, "data", "custos.json"), { admins: ["admin"], kmip: { keyFile: "k.pem" } });
    const config = await loadConfig({ cwd, env: {} });
    expect(config.admins).toEqual(["admin"]);
    expect(config.kmip.keyFile).toBe(join(cwd, "data/k.pem"));

    await mkdir(join(cwd, "other"));
    await writeJson(join(cwd, "other", "custos.json"), { admins: ["other"] });
    expect((await loadConfig({ cwd, env: { CUSTOS_DATA_DIR: "other" } })).admins).toEqual(["other"]);
    expect((await loadConfig({ cwd, dataDir: "other", env: {} })).admins).toEqual(["other"]);
  });

  it("reads the file named by CUSTOS_CONFIG, and the file option wins over it", async () => {
    const a = await writeJson(join(cwd, "a.json"), { admins: ["a"] });
    const b = await writeJson(join(cwd, "b.json"), { admins: ["b"] });
    expect((await loadConfig({ cwd, env: { CUSTOS_CONFIG: "a.json" } })).admins).toEqual(["a"]);
    expect((await loadConfig({ cwd, file: b, env: { CUSTOS_CONFIG: a } })).admins).toEqual(["b"]);
  });

  it("returns a deeply frozen object", async () => {
    const config = await loadConfig({ cwd, env: { CUSTOS_ADMINS: "a,b" } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.admins)).toBe(true);
    expect(Object.isFrozen(config.kmip)).toBe(true);
  });
});

describe("store variants", () => {
  const url = "postgres://custos:pw@db.example:5432/custos";

  it("CUSTOS_STORE_URL alone selects postgres with the default pool size", async () => {
    const config = await loadConfig({ cwd, env: { CUSTOS_STORE_URL: url } });
    expect(config.store).toEqual({ kind: "postgres", url, poolSize: 10 });
  });

  it("an environment store kind replaces a file's store of the other kind", async () => {
    const file = await writeJson(join(cwd, "c.json"), { store: { kind: "sqlite", path: "db.sqlite" } });
    const config = await loadConfig({ file, cwd, env: { CUSTOS_STORE_URL: url, CUSTOS_STORE_POOL_SIZE: "3" } });
    expect(config.store).toEqual({ kind: "postgres", url, poolSize: 3 });

    const back = await writeJson(join(cwd, "pg.json"), { store: { url, poolSize: 4 } });
    const sqlite = await loadConfig({ file: back, cwd, env: { CUSTOS_STORE_KIND: "sqlite" } });
    expect(sqlite.store).toEqual({ kind: "sqlite", path: join(cwd, "data/custos.db") });
  });

  it("keeps the file's settings of the same kind", async () => {
    const file = await writeJson(join(cwd, "c.json"), { store: { kind: "postgres", url, poolSize: 7 } });
    const other = "postgresql://other/db";
    const config = await loadConfig({ file, cwd, env: { CUSTOS_STORE_URL: other } });
    expect(config.store).toEqual({ kind: "postgres", url: other, poolSize: 7 });
  });

  it("store.path alone selects sqlite", async () => {
    const file = await writeJson(join(cwd, "c.json"), { store: { path: "/var/db.sqlite" } });
    expect((await loadConfig({ file, cwd, env: {} })).store).toEqual({ kind: "sqlite", path: "/var/db.sqlite" });
  });
});
