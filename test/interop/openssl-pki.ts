import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Throwaway certificates live two days: long enough for any test run. */
const VALIDITY_DAYS = "2";

export type KeyType = "ec" | "rsa";

/** A certificate and its private key, both PEM files. */
export interface IssuedCert {
  readonly cert: string;
  readonly key: string;
}

/**
 * A test CA made with the `openssl` CLI, issuing TLS server and client
 * certificates. Client certificates carry the subject CN (PyKMIP's and
 * custos's client identity) and extendedKeyUsage clientAuth, which PyKMIP's
 * server requires when `enable_tls_client_auth` is on.
 */
export interface TestPki {
  readonly dir: string;
  readonly caFile: string;
  readonly caKey: string;
  /** Server certificate for 127.0.0.1, ::1 and localhost (plus `extraSans`, e.g. "DNS:host"). */
  issueServer(cn: string, extraSans?: readonly string[]): Promise<IssuedCert>;
  /** Client certificate with subject CN `cn` and extendedKeyUsage clientAuth (unless `clientAuth` is false). */
  issueClient(cn: string, options?: { clientAuth?: boolean }): Promise<IssuedCert>;
}

async function openssl(args: readonly string[]): Promise<void> {
  try {
    await run("openssl", [...args], { maxBuffer: 1 << 20 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`openssl ${args[0] ?? ""} failed: ${stderr.trim() || String(error)}`);
  }
}

function keyArgs(keyType: KeyType): string[] {
  return keyType === "ec"
    ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    : ["-newkey", "rsa", "-pkeyopt", "rsa_keygen_bits:2048"];
}

/** A file name part from a CN, so several certificates can share one directory. */
function slug(cn: string): string {
  return cn.replace(/[^A-Za-z0-9._-]/g, "_");
}

/**
 * Creates a CA under `dir` (created if missing).
 * `keyType` defaults to "ec" (P-256, fast); "rsa" gives 2048-bit RSA keys.
 */
export async function createTestPki(dir: string, keyType: KeyType = "ec"): Promise<TestPki> {
  await mkdir(dir, { recursive: true });
  const caFile = join(dir, "ca.crt");
  const caKey = join(dir, "ca.key");
  await openssl([
    "req",
    "-x509",
    ...keyArgs(keyType),
    "-nodes",
    "-keyout",
    caKey,
    "-out",
    caFile,
    "-days",
    VALIDITY_DAYS,
    "-subj",
    "/CN=custos test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);

  async function issue(name: string, cn: string, extensions: string): Promise<IssuedCert> {
    const key = join(dir, `${name}.key`);
    const csr = join(dir, `${name}.csr`);
    const cert = join(dir, `${name}.crt`);
    const ext = join(dir, `${name}.ext`);
    await writeFile(ext, `[v3]\n${extensions}`);
    await openssl(["req", "-new", ...keyArgs(keyType), "-nodes", "-keyout", key, "-out", csr, "-subj", `/CN=${cn}`]);
    await openssl([
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      caFile,
      "-CAkey",
      caKey,
      "-set_serial",
      `0x${randomBytes(16).toString("hex")}`,
      "-days",
      VALIDITY_DAYS,
      "-extfile",
      ext,
      "-extensions",
      "v3",
      "-out",
      cert,
    ]);
    return { cert, key };
  }

  const leaf = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n";
  return {
    dir,
    caFile,
    caKey,
    issueServer(cn, extraSans = []) {
      const sans = ["IP:127.0.0.1", "IP:::1", "DNS:localhost", ...extraSans].join(",");
      return issue(`server-${slug(cn)}`, cn, `${leaf}extendedKeyUsage=serverAuth\nsubjectAltName=${sans}\n`);
    },
    issueClient(cn, options = {}) {
      const eku = options.clientAuth === false ? "extendedKeyUsage=emailProtection\n" : "extendedKeyUsage=clientAuth\n";
      return issue(`client-${slug(cn)}`, cn, leaf + eku);
    },
  };
}
