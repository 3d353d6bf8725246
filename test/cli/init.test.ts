import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { devPkiPaths } from "../../src/pkix/dev-pki-paths.js";
import { run } from "./capture.js";

describe("custos init", () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), "custos-cli-init-"));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("creates the PKI, custos.json and a 0600 master key, then keeps them on a second run", async () => {
    const first = await run(["init", "--data-dir", "data"], { cwd });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const paths = devPkiPaths(join(cwd, "data"));
    const masterKey = join(cwd, "data", "master.key");
    for (const shown of [
      "./data/pki/ca.crt",
      "./data/pki/client-admin.key",
      "./data/custos.json",
      "./data/master.key",
    ]) {
      expect(first.stdout).toMatch(new RegExp(`created +${shown.replace(/\./g, "\\.")}\\n`));
    }
    expect(first.stdout).not.toMatch(/kept/);
    expect((await stat(masterKey)).mode & 0o777).toBe(0o600);
    expect((await readFile(masterKey)).length).toBe(32);
    const before = await Promise.all([paths.caCert, paths.adminKey, masterKey].map((p) => readFile(p)));

    const second = await run(["init", "--data-dir", "data"], { cwd });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/created|replaced/);
    expect(second.stdout.match(/kept/g)?.length).toBe(10);
    const after = await Promise.all([paths.caCert, paths.adminKey, masterKey].map((p) => readFile(p)));
    expect(after).toEqual(before);
  });

  it("accepts --data as a short form of --data-dir (custos init --data DIR)", async () => {
    const r = await run(["init", "--data", "short"], { cwd });
    expect(r.code).toBe(0);
    expect((await stat(devPkiPaths(join(cwd, "short")).caCert)).isFile()).toBe(true);
    const eq = await run(["init", "--data=short2"], { cwd });
    expect(eq.code).toBe(0);
    expect((await stat(join(cwd, "short2", "master.key"))).isFile()).toBe(true);
  });

  it("with --force replaces the certificates but never the master key", async () => {
    expect((await run(["init", "--data-dir", "d"], { cwd })).code).toBe(0);
    const paths = devPkiPaths(join(cwd, "d"));
    const caBefore = await readFile(paths.caCert, "utf8");
    const keyBefore = await readFile(join(cwd, "d", "master.key"));
    const forced = await run(["init", "--data-dir", "d", "--force", "--host", "kms.example.test"], { cwd });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/replaced +\.\/d\/pki\/ca\.crt/);
    expect(forced.stdout).toMatch(/kept +\.\/d\/master\.key/);
    expect(await readFile(paths.caCert, "utf8")).not.toBe(caBefore);
    expect(await readFile(join(cwd, "d", "master.key"))).toEqual(keyBefore);
  });

  it("takes the data folder from CUSTOS_DATA_DIR and reports a bad --host as a failure", async () => {
    const viaEnv = await run(["init"], { cwd, env: { CUSTOS_DATA_DIR: "from-env" } });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stdout).toContain("data folder ./from-env");
    const bad = await run(["init", "--data-dir", "x", "--host", "not a host!"], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: hosts: "not a host!" is neither an IP address nor a DNS name\n$/);
  });
});
