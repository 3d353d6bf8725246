import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, createServer, type Server, type TLSSocket } from "node:tls";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig, loadConfig } from "../../src/config/load.js";
import { DevPkiError, type InitResult, initDataDir } from "../../src/pkix/dev-pki.js";
import { devPkiPaths } from "../../src/pkix/dev-pki-paths.js";
import { identityFromCertificate } from "../../src/server/tls-identity.js";

const run = promisify(execFile);
const OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const OID_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

let root: string;
let dataDir: string;
let result: InitResult;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "custos-pki-"));
  dataDir = join(root, "data");
  result = await initDataDir(dataDir, { hosts: ["kms.example", "10.1.2.3"] });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const cert = async (path: string): Promise<X509Certificate> => new X509Certificate(await readFile(path));
const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

/** `openssl x509 -text` output, for extensions node does not expose. */
async function text(path: string): Promise<string> {
  return (await run("openssl", ["x509", "-in", path, "-noout", "-text"])).stdout;
}

describe("initDataDir on an empty folder", () => {
  it("creates every file and reports none as pre-existing", () => {
    const paths = devPkiPaths(dataDir);
    expect(result.paths).toEqual(paths);
    expect(result.adminIdentity).toBe("admin");
    expect(result.entries.map((e) => e.role).sort()).toEqual(Object.keys(paths).sort());
    for (const entry of result.entries) {
      expect(entry.path).toBe(paths[entry.role]);
      expect(entry).toMatchObject({ existed: false, written: true });
    }
  });

  it("does not create the master key", async () => {
    expect(await readdir(dataDir)).toEqual(["custos.json", "pki"]);
  });

  it("uses mode 0700 for folders and 0600 for private keys", async () => {
    const p = result.paths;
    expect(await mode(p.dataDir)).toBe(0o700);
    expect(await mode(p.pkiDir)).toBe(0o700);
    for (const key of [p.caKey, p.serverKey, p.adminKey, p.userKey]) {
      expect(await mode(key)).toBe(0o600);
      expect(await readFile(key, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    }
    expect(await mode(p.caCert)).toBe(0o644);
  });

  it("leaves no temporary files behind", async () => {
    expect((await readdir(result.paths.pkiDir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("makes a self-signed P-256 CA valid for 10 years", async () => {
    const ca = await cert(result.paths.caCert);
    expect(ca.ca).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    const years = (Date.parse(ca.validTo) - Date.parse(ca.validFrom)) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(9.99);
    expect(years).toBeLessThan(10.01);
    const t = await text(result.paths.caCert);
    expect(t).toContain("ecdsa-with-SHA256");
    expect(t).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(t).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
  });

  it("signs a server certificate for localhost, the loopback addresses and the extra hosts", async () => {
    const ca = await cert(result.paths.caCert);
    const server = await cert(result.paths.serverCert);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toBe(
      "DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:kms.example, IP Address:10.1.2.3",
    );
    expect(server.checkHost("localhost")).toBe("localhost");
    expect(server.checkIP("::1")).toBe("::1");
    expect(server.keyUsage).toEqual([OID_SERVER_AUTH]);
    const years = (Date.parse(server.validTo) - Date.parse(server.validFrom)) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(1.99);
    expect(years).toBeLessThan(2.01);
    expect(await text(result.paths.serverCert)).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
  });

  it("signs two client certificates, CN=admin and CN=user, for clientAuth", async () => {
    const ca = await cert(result.paths.caCert);
    const admin = await cert(result.paths.adminCert);
    const user = await cert(result.paths.userCert);
    for (const c of [admin, user]) {
      expect(c.checkIssued(ca)).toBe(true);
      expect(c.keyUsage).toEqual([OID_CLIENT_AUTH]);
    }
    expect(identityFromCertificate(admin)).toBe("admin");
    expect(identityFromCertificate(user)).toBe("user");
  });

  it("uses distinct positive 16-byte serial numbers", async () => {
    const serials = await Promise.all(
      [result.paths.caCert, result.paths.serverCert, result.paths.adminCert, result.paths.userCert].map(
        async (p) => (await cert(p)).serialNumber,
      ),
    );
    expect(new Set(serials).size).toBe(4);
    for (const s of serials) {
      expect(s).toMatch(/^[0-9A-F]{32}$/);
      expect(Number.parseInt(s.slice(0, 2), 16)).toBeLessThan(0x80);
    }
  });

  it("passes openssl verify", async () => {
    const p = result.paths;
    const { stdout } = await run("openssl", ["verify", "-CAfile", p.caCert, p.serverCert, p.adminCert, p.userCert]);
    expect(stdout).toContain(`${p.serverCert}: OK`);
    expect(stdout).toContain(`${p.adminCert}: OK`);
    expect(stdout).toContain(`${p.userCert}: OK`);
    const purpose = await run("openssl", ["verify", "-CAfile", p.caCert, "-purpose", "sslserver", p.serverCert]);
    expect(purpose.stdout).toContain("OK");
    await expect(
      run("openssl", ["verify", "-CAfile", p.caCert, "-purpose", "sslserver", p.adminCert]),
    ).rejects.toThrow();
  });

  it("writes custos.json naming the admin, which loadConfig picks up", async () => {
    expect(JSON.parse(await readFile(result.paths.config, "utf8"))).toEqual({ admins: ["admin"] });
    const config = await loadConfig({ cwd: root, env: {} });
    expect(config.dataDir).toBe(dataDir);
    expect(config.admins).toEqual(["admin"]);
  });

  it("puts the files where the config defaults look for them", () => {
    const config = defaultConfig(dataDir);
    expect(config.kmip.certFile).toBe(result.paths.serverCert);
    expect(config.kmip.keyFile).toBe(result.paths.serverKey);
    expect(config.kmip.caFile).toBe(result.paths.caCert);
  });
});

describe("node:tls accepts the development PKI", () => {
  let server: Server;
  let port: number;
  const seen: Array<string | undefined> = [];

  beforeAll(async () => {
    const p = result.paths;
    server = createServer(
      {
        key: await readFile(p.serverKey),
        cert: await readFile(p.serverCert),
        ca: await readFile(p.caCert),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (socket) => {
        seen.push(identityFromCertificate(socket.getPeerCertificate()));
        socket.end("hello");
      },
    );
    server.on("tlsClientError", () => undefined);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function dial(options: {
    certFile?: string;
    keyFile?: string;
    host?: string;
    maxVersion?: "TLSv1.2";
  }): Promise<{ data: string; socket: TLSSocket }> {
    return new Promise((resolve, reject) => {
      void (async () => {
        const socket = connect({
          host: "127.0.0.1",
          port,
          servername: options.host ?? "localhost",
          ...(options.maxVersion === undefined ? {} : { maxVersion: options.maxVersion }),
          ca: await readFile(result.paths.caCert),
          ...(options.certFile === undefined
            ? {}
            : { cert: await readFile(options.certFile), key: await readFile(options.keyFile!) }),
        });
        let data = "";
        socket.on("data", (chunk: Buffer) => {
          data += chunk.toString();
        });
        // With TLS 1.3 the server checks the client certificate after the client's handshake
        // completes, so a refused client sees an alert or a bare close instead of data.
        socket.on("end", () => (data === "" ? reject(new Error("closed without data")) : resolve({ data, socket })));
        socket.on("error", reject);
      })().catch(reject);
    });
  }

  it("completes a mutual TLS handshake with the admin certificate and sees identity admin", async () => {
    const { data, socket } = await dial({ certFile: result.paths.adminCert, keyFile: result.paths.adminKey });
    expect(data).toBe("hello");
    expect(socket.authorized).toBe(true);
    expect(seen.at(-1)).toBe("admin");
  });

  it("sees identity user for the second client certificate", async () => {
    await dial({ certFile: result.paths.userCert, keyFile: result.paths.userKey });
    expect(seen.at(-1)).toBe("user");
  });

  it("accepts the extra host name in the server certificate", async () => {
    const { socket } = await dial({
      certFile: result.paths.adminCert,
      keyFile: result.paths.adminKey,
      host: "kms.example",
    });
    expect(socket.authorized).toBe(true);
  });

  it("rejects a client without a certificate", async () => {
    const before = seen.length;
    await expect(dial({})).rejects.toThrow();
    await expect(dial({ maxVersion: "TLSv1.2" })).rejects.toThrow();
    expect(seen.length).toBe(before);
  });

  it("works over TLS 1.2 too", async () => {
    const { socket } = await dial({
      certFile: result.paths.adminCert,
      keyFile: result.paths.adminKey,
      maxVersion: "TLSv1.2",
    });
    expect(socket.getProtocol()).toBe("TLSv1.2");
    expect(seen.at(-1)).toBe("admin");
  });

  it("rejects a client certificate from another CA", async () => {
    const other = await initDataDir(join(root, "other"));
    const before = seen.length;
    await expect(dial({ certFile: other.paths.adminCert, keyFile: other.paths.adminKey })).rejects.toThrow();
    expect(seen.length).toBe(before);
  });
});

describe("initDataDir is idempotent", () => {
  it("keeps every existing file on a second run", async () => {
    const dir = join(root, "again");
    const first = await initDataDir(dir);
    const before = await snapshot(first);
    const second = await initDataDir(dir);
    for (const entry of second.entries) expect(entry, entry.role).toMatchObject({ existed: true, written: false });
    expect(await snapshot(second)).toEqual(before);
  });

  it("fills in a missing leaf pair, signed by the existing CA, and keeps the rest", async () => {
    const dir = join(root, "partial");
    const first = await initDataDir(dir);
    const before = await snapshot(first);
    await unlink(first.paths.userCert);
    await unlink(first.paths.userKey);
    const second = await initDataDir(dir);
    const user = second.entries.filter((e) => e.role === "userCert" || e.role === "userKey");
    for (const e of user) expect(e).toMatchObject({ existed: false, written: true });
    const after = await snapshot(second);
    expect(after.caCert).toBe(before.caCert);
    expect(after.adminCert).toBe(before.adminCert);
    expect(after.userCert).not.toBe(before.userCert);
    const { stdout } = await run("openssl", ["verify", "-CAfile", second.paths.caCert, second.paths.userCert]);
    expect(stdout).toContain("OK");
  });

  it("signs new leaves with an existing RSA CA made by openssl", async () => {
    const dir = join(root, "rsa");
    const paths = devPkiPaths(dir);
    await mkdir(paths.pkiDir, { recursive: true });
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=rsa test CA",
      "-days",
      "30",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
      "-keyout",
      paths.caKey,
      "-out",
      paths.caCert,
    ]);
    const r = await initDataDir(dir);
    expect(r.entries.find((e) => e.role === "caCert")).toMatchObject({ existed: true, written: false });
    const { stdout } = await run("openssl", ["verify", "-CAfile", paths.caCert, paths.serverCert, paths.adminCert]);
    expect(stdout).toContain(`${paths.serverCert}: OK`);
    expect(stdout).toContain(`${paths.adminCert}: OK`);
    // leaves never outlive their CA
    expect(Date.parse((await cert(paths.serverCert)).validTo)).toBeLessThanOrEqual(
      Date.parse((await cert(paths.caCert)).validTo),
    );
  });

  it("refuses a key without its certificate, or leaves without their CA, unless forced", async () => {
    const dir = join(root, "broken");
    const first = await initDataDir(dir);
    await unlink(first.paths.serverCert);
    await expect(initDataDir(dir)).rejects.toThrow(DevPkiError);
    await expect(initDataDir(dir)).rejects.toThrow(/server\.key exists but .*server\.crt is missing/);

    const dir2 = join(root, "noca");
    const second = await initDataDir(dir2);
    await unlink(second.paths.caCert);
    await unlink(second.paths.caKey);
    await expect(initDataDir(dir2)).rejects.toThrow(/CA that signed it is missing/);

    const forced = await initDataDir(dir2, { force: true });
    expect(forced.entries.filter((e) => e.role !== "dataDir" && e.role !== "pkiDir").every((e) => e.written)).toBe(
      true,
    );
    const { stdout } = await run("openssl", ["verify", "-CAfile", forced.paths.caCert, forced.paths.serverCert]);
    expect(stdout).toContain("OK");
  });

  it("regenerates everything with force, and the admin name follows clientName", async () => {
    const dir = join(root, "forced");
    const first = await initDataDir(dir);
    const before = await snapshot(first);
    const second = await initDataDir(dir, { force: true, clientName: "ops" });
    for (const e of second.entries.filter((x) => x.role !== "dataDir" && x.role !== "pkiDir")) {
      expect(e, e.role).toMatchObject({ existed: true, written: true });
    }
    const after = await snapshot(second);
    for (const role of Object.keys(before) as Array<keyof typeof before>)
      expect(after[role], role).not.toBe(before[role]);
    expect(second.adminIdentity).toBe("ops");
    expect(identityFromCertificate(await cert(second.paths.adminCert))).toBe("ops");
    expect(JSON.parse(await readFile(second.paths.config, "utf8"))).toEqual({ admins: ["ops"] });
  });

  it("never overwrites an existing custos.json without force", async () => {
    const dir = join(root, "ownconfig");
    await initDataDir(dir);
    const config = join(dir, "custos.json");
    await writeFile(config, '{"admins":["someone"]}');
    const again = await initDataDir(dir);
    expect(again.entries.find((e) => e.role === "config")).toMatchObject({ existed: true, written: false });
    expect(await readFile(config, "utf8")).toBe('{"admins":["someone"]}');
  });

  it("rejects bad host names and client names before writing anything", async () => {
    const dir = join(root, "bad");
    await expect(initDataDir(dir, { hosts: ["not a host"] })).rejects.toThrow(DevPkiError);
    await expect(initDataDir(dir, { clientName: "" })).rejects.toThrow(DevPkiError);
    await expect(initDataDir(dir, { clientName: "user" })).rejects.toThrow(DevPkiError);
    await expect(stat(dir)).rejects.toThrow();
  });
});

/** File contents by role (files only). */
async function snapshot(r: InitResult): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const role of [
    "caCert",
    "caKey",
    "serverCert",
    "serverKey",
    "adminCert",
    "adminKey",
    "userCert",
    "userKey",
  ] as const) {
    out[role] = await readFile(r.paths[role], "utf8");
  }
  return out;
}
