import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../cli/capture.js";
import { type PykmipServer, startPykmipServer } from "./pykmip-server.js";

/**
 * The other direction of interop: custos's own KMIP client (`custos kmip`, built on
 * KmipClient) against a server nobody here wrote, PyKMIP's `pykmip-server`, over KMIP 1.2
 * (the newest version PyKMIP's server speaks with a 1.x client).
 */
describe("custos kmip against PyKMIP's server", () => {
  let dir: string;
  let server: PykmipServer;
  let conn: string[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "custos-vs-pykmip-"));
    server = await startPykmipServer({ dir });
    conn = [
      "kmip",
      "--host",
      "127.0.0.1",
      "--port",
      String(server.port),
      "--ca",
      server.caFile,
      "--cert",
      server.clientCert,
      "--key",
      server.clientKey,
      "--kmip-version",
      "1.2",
    ];
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates, gets, activates, revokes and destroys a key, and registers known bytes", async () => {
    const created = await run([...conn, "create", "--alg", "aes", "--length", "256", "--usage", "encrypt,decrypt"]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    expect(id).not.toBe("");
    const got = await run([...conn, "--json", "get", id]);
    expect(got.code).toBe(0);
    const key = JSON.parse(got.stdout) as Record<string, unknown>;
    expect(JSON.stringify(key)).toMatch(/[0-9a-f]{64}/);

    const hex = "00112233445566778899aabbccddeeff";
    const registered = await run([
      ...conn,
      "register",
      "--type",
      "symmetric",
      "--hex",
      hex,
      "--alg",
      "aes",
      "--length",
      "128",
    ]);
    expect(registered.stderr).toBe("");
    expect(registered.code).toBe(0);
    const back = await run([...conn, "get", registered.stdout.trim()]);
    expect(back.stdout.trim()).toContain(hex);

    const act = await run([...conn, "activate", id]);
    expect(act.stderr).toBe("");
    expect(act.code).toBe(0);
    expect((await run([...conn, "revoke", id, "--reason", "cessation"])).code).toBe(0);
    expect((await run([...conn, "destroy", id])).code).toBe(0);
    const gone = await run([...conn, "get", id]);
    expect(gone.code).toBe(2);
  }, 60_000);
});
