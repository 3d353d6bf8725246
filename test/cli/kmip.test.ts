import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { run } from "./capture.js";

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("custos kmip", () => {
  let h: Harness;
  let conn: string[];
  let scratch: string;
  const kmip = (...args: string[]) => run(["kmip", ...conn, ...args]);

  beforeAll(async () => {
    h = await startHarness();
    conn = ["--port", String(h.port), "--data-dir", h.dataDir];
    scratch = await mkdtemp(join(tmpdir(), "custos-cli-out-"));
  });
  afterAll(async () => {
    await h.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it("runs a key through create, get, locate, activate, revoke and destroy", async () => {
    const created = await kmip("create", "--alg", "aes", "--length", "256", "--name", "cli-life", "--group", "cli-g");
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(UUID);

    const got = await kmip("get", id);
    expect(got.code).toBe(0);
    const hex = got.stdout.trim();
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    const direct = await (await h.client("admin")).get(id);
    expect(hex).toBe(Buffer.from(direct.material).toString("hex"));

    const located = await kmip("locate", "--name", "cli-life");
    expect(located.stdout).toBe(`${id}\n`);
    expect((await kmip("locate", "--group", "cli-g", "--state", "pre-active", "--type", "symmetric")).stdout).toBe(
      `${id}\n`,
    );
    expect((await kmip("locate", "--name", "cli-life", "--state", "active")).stdout).toBe("");

    expect(await kmip("activate", id)).toMatchObject({ code: 0, stdout: `activated ${id}\n` });
    expect((await kmip("get-attributes", id, "state")).stdout).toBe("State: Active\n");
    expect((await kmip("locate", "--name", "cli-life", "--state", "ACTIVE")).stdout).toBe(`${id}\n`);
    expect(await kmip("revoke", id, "--reason", "superseded")).toMatchObject({ code: 0, stdout: `revoked ${id}\n` });
    expect((await kmip("get-attributes", id, "State")).stdout).toBe("State: Deactivated\n");
    expect(await kmip("destroy", id)).toMatchObject({ code: 0, stdout: `destroyed ${id}\n` });
    expect((await kmip("get-attributes", id, "state")).stdout).toBe("State: Destroyed\n");
  });

  it("prints one JSON document with --json, before or after the subcommand", async () => {
    const created = await kmip("--json", "create", "--alg", "AES", "--length", "128", "--usage", "wrap-key,unwrap-key");
    expect(created.code).toBe(0);
    const { uniqueIdentifier: id } = JSON.parse(created.stdout) as { uniqueIdentifier: string };
    expect(id).toMatch(UUID);

    const got = JSON.parse((await kmip("get", id, "--json")).stdout);
    expect(got).toEqual({
      uniqueIdentifier: id,
      objectType: "SymmetricKey",
      cryptographicAlgorithm: "AES",
      cryptographicLength: 128,
      keyMaterial: expect.stringMatching(/^[0-9a-f]{32}$/),
    });

    const attrs = JSON.parse(
      (await kmip("--json", "get-attributes", id, "Cryptographic Usage Mask", "cryptographic-length", "state")).stdout,
    );
    expect(attrs).toEqual({
      uniqueIdentifier: id,
      attributes: expect.arrayContaining([
        { name: "Cryptographic Usage Mask", value: "WrapKey UnwrapKey" },
        { name: "Cryptographic Length", value: 128 },
        { name: "State", value: "PreActive" },
      ]),
    });
    expect(attrs.attributes).toHaveLength(3);

    const list = JSON.parse((await kmip("--json", "get-attribute-list", id)).stdout);
    expect(list.attributeNames).toEqual(
      expect.arrayContaining(["Cryptographic Algorithm", "State", "Unique Identifier"]),
    );

    const located = JSON.parse((await kmip("--json", "locate", "--alg", "aes", "--max", "1")).stdout);
    expect(located.uniqueIdentifiers).toHaveLength(1);

    const versions = JSON.parse((await kmip("--json", "discover-versions")).stdout);
    expect(versions.protocolVersions).toEqual(["2.1", "2.0", "1.4", "1.3", "1.2", "1.1", "1.0"]);

    const query = JSON.parse((await kmip("--json", "query")).stdout);
    expect(query.operations).toEqual(expect.arrayContaining(["Create", "Get", "Locate", "Destroy"]));
    expect(query.objectTypes).toEqual(expect.arrayContaining(["SymmetricKey", "SecretData", "OpaqueObject"]));
    expect(typeof query.vendorIdentification).toBe("string");
  });

  it("registers material over KMIP 1.4 and 2.1 and reads it back, to stdout or a file", async () => {
    for (const version of ["1.4", "2.1"]) {
      const reg = await kmip(
        "--kmip-version",
        version,
        "register",
        "--type",
        "symmetric",
        "--hex",
        "00112233445566778899aabbccddeeff",
        "--alg",
        "AES",
        "--name",
        `cli-reg-${version}`,
      );
      expect(reg.code).toBe(0);
      const id = reg.stdout.trim();
      expect((await kmip("--kmip-version", version, "get", id)).stdout).toBe("00112233445566778899aabbccddeeff\n");
      const attrs = await kmip("--kmip-version", version, "get-attributes", id, "cryptographic-length", "name");
      expect(attrs.stdout).toBe(
        `Cryptographic Length: 128\nName: NameValue: cli-reg-${version}, NameType: UninterpretedTextString\n`,
      );
    }
    const secret = (await kmip("register", "--type", "secret", "--hex", "736563726574")).stdout.trim();
    const file = join(scratch, "secret.bin");
    const out = await kmip("get", secret, "--out", file);
    expect(out.stdout).toBe(`wrote 6 bytes to ${file}\n`);
    expect((await readFile(file)).toString()).toBe("secret");
    const opaque = (await kmip("register", "--type", "opaque", "--file", file)).stdout.trim();
    expect((await kmip("get", opaque)).stdout).toBe("736563726574\n");
  });

  it("exits 2 with the operation, result reason and message when the server refuses", async () => {
    const missing = await kmip("get", "no-such-object");
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(/^error: Get failed: ObjectNotFound \(.+\)\n$/);

    const id = (await kmip("create", "--alg", "AES", "--length", "256")).stdout.trim();
    const asUser = await kmip("--identity", "user", "get", id);
    expect(asUser.code).toBe(2);
    expect(asUser.stderr).toMatch(/^error: Get failed: PermissionDenied/);
    const revoke = await kmip("revoke", id);
    expect(revoke.code).toBe(2);
    expect(revoke.stderr).toMatch(/^error: Revoke failed: WrongKeyLifecycleState/);
  });

  it("revokes for compromise with a Compromise Occurrence Date, making the key Compromised", async () => {
    const id = (await kmip("create", "--alg", "AES", "--length", "128")).stdout.trim();
    expect((await kmip("activate", id)).code).toBe(0);
    const revoked = await kmip("revoke", id, "--reason", "compromise", "--compromise-date", "2024-01-02T03:04:05Z");
    expect(revoked).toMatchObject({ code: 0, stderr: "" });
    const attrs = JSON.parse(
      (await kmip("--json", "get-attributes", id, "state", "compromise-occurrence-date")).stdout,
    );
    expect(attrs.attributes).toEqual(
      expect.arrayContaining([
        { name: "State", value: "Compromised" },
        { name: "Compromise Occurrence Date", value: "2024-01-02T03:04:05+00:00" },
      ]),
    );
  });

  it("exits 1 when --out cannot be written, after a successful Get", async () => {
    const id = (await kmip("create", "--alg", "AES", "--length", "128")).stdout.trim();
    const r = await kmip("get", id, "--out", join(scratch, "no-such-dir", "k.bin"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot write --out .*no-such-dir\/k\.bin: ENOENT/);
  });

  it("exits 64 on bad usage, before connecting", async () => {
    const cases: string[][] = [
      ["create", "--alg", "rot13", "--length", "256"],
      ["create", "--alg", "AES"],
      ["frobnicate"],
      ["--kmip-version", "3.0", "query"],
      ["get-attributes", "x", "no-such-attribute"],
      ["register", "--type", "symmetric", "--hex", "abc", "--alg", "AES"],
      ["register", "--type", "opaque"],
      ["revoke", "x", "--reason", "boredom"],
      ["locate", "--max", "-1"],
      ["get"],
    ];
    for (const args of cases) {
      const r = await kmip(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 64 });
      expect(r.stderr).toMatch(/^error: /);
      expect(r.stdout).toBe("");
    }
    const noCredentials = await run(["kmip", "--port", String(h.port), "query"]);
    expect(noCredentials.code).toBe(64);
    expect(noCredentials.stderr).toContain("--ca <file> is required");
  });

  it("exits 3 when it cannot connect or the TLS handshake fails", async () => {
    const refused = await run(["kmip", "--data-dir", h.dataDir, "--port", String(await closedPort()), "query"]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^error: cannot connect to KMIP server at 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    const wrongName = await kmip("--servername", "wrong.example", "query");
    expect(wrongName.code).toBe(3);
    expect(wrongName.stderr).toMatch(/^error: cannot connect .*altnames/);
    // A CA that did not sign the server certificate: the client refuses the server.
    const other = await mkdtemp(join(tmpdir(), "custos-cli-otherca-"));
    try {
      expect((await run(["init", "--data-dir", other])).code).toBe(0);
      const wrongCa = await kmip("--ca", join(other, "pki", "ca.crt"), "query");
      expect(wrongCa.code).toBe(3);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
