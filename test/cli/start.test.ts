import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { capture, run } from "./capture.js";

/** Polls `read` until `pattern` matches, or fails after `ms`. */
async function waitFor(read: () => string, pattern: RegExp, ms = 10_000): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  for (;;) {
    const m = read().match(pattern);
    if (m) return m;
    if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; output so far:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("custos start and serve", () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), "custos-cli-start-"));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("start initializes ./data, serves, prints the credentials and an example that works, and stops", async () => {
    const shutdown = new AbortController();
    const c = capture({ cwd, shutdown: shutdown.signal, env: { CUSTOS_LOG_LEVEL: "warn" } });
    const started = runCli(["start", "--port", "0"], c.io);
    try {
      const [line, example] = await waitFor(c.stdout, /^ {2}(npx custos kmip .*)$/m);
      expect(line).toBeDefined();
      expect(c.stdout()).toContain("created  ./data/master.key");
      expect(c.stdout()).toMatch(/CA certificate +\.\/data\/pki\/ca\.crt/);
      expect(c.stdout()).toMatch(
        /client certificate +\.\/data\/pki\/client-admin\.crt +\(identity "admin", an administrator\)/,
      );
      expect(c.stdout()).toMatch(/client key +\.\/data\/pki\/client-admin\.key/);
      const port = Number(c.stdout().match(/listening on 127\.0\.0\.1:(\d+)/)?.[1]);
      expect(port).toBeGreaterThan(0);
      expect(example).toBe(
        `npx custos kmip --data-dir ./data --port ${port} create --alg AES --length 256 --name my-key`,
      );

      // The example, run as printed from the same folder.
      const args = (example as string).split(" ").slice(2);
      const created = await run(args, { cwd });
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      const id = created.stdout.trim();
      const found = await run(["kmip", "--data-dir", "./data", "--port", String(port), "locate", "--name", "my-key"], {
        cwd,
      });
      expect(found.stdout).toBe(`${id}\n`);
    } finally {
      shutdown.abort();
    }
    expect(await started).toBe(0);
    expect(c.stdout()).toMatch(/custos: stopping\ncustos: stopped\n$/);
    expect(c.stderr()).toBe("");

    // A second start keeps everything and still serves the key created before.
    const again = new AbortController();
    const c2 = capture({ cwd, shutdown: again.signal, env: { CUSTOS_LOG_LEVEL: "warn" } });
    const restarted = runCli(["start", "--port", "0"], c2.io);
    try {
      const [, example] = await waitFor(c2.stdout, /^ {2}(npx custos kmip .*)$/m);
      expect(c2.stdout()).not.toContain("initialized");
      const port = (example as string).match(/--port (\d+)/)?.[1] as string;
      const found = await run(["kmip", "--data-dir", "./data", "--port", port, "locate", "--name", "my-key"], { cwd });
      expect(found.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      again.abort();
    }
    expect(await restarted).toBe(0);
  });

  it("serve without init exits 1 and says to run custos init", async () => {
    const r = await run(["serve", "--data-dir", "nothing-here"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: kmip\.certFile: \.\/nothing-here\/pki\/server\.crt not found; run `custos init --data-dir \.\/nothing-here` first/,
    );
  });

  it("serve exits 1 on an invalid configuration, printing every issue without a stack trace", async () => {
    const r = await run(["serve"], { cwd, env: { CUSTOS_KMIP_PORT: "abc", CUSTOS_LOG_LEVEL: "loud" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config: kmip.port: expected an integer 1-65535, got "abc" (from CUSTOS_KMIP_PORT)');
    expect(r.stderr).toContain("config: log.level:");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("serve exits 1 when the port is taken", async () => {
    expect((await run(["init", "--data-dir", "data"], { cwd })).code).toBe(0);
    const first = new AbortController();
    const c = capture({ cwd, shutdown: first.signal, env: { CUSTOS_LOG_LEVEL: "silent" } });
    const serving = runCli(["serve", "--port", "0"], c.io);
    try {
      const [, port] = await waitFor(c.stdout, /listening on 127\.0\.0\.1:(\d+)/);
      const second = await run(["serve", "--port", port as string], { cwd, env: { CUSTOS_LOG_LEVEL: "silent" } });
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(`error: cannot start custos on 127.0.0.1:${port}: address already in use\n`);
    } finally {
      first.abort();
    }
    expect(await serving).toBe(0);
  });
});
