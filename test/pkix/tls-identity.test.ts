import "reflect-metadata";
import { execFile } from "node:child_process";
import { webcrypto, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PeerCertificate } from "node:tls";
import { promisify } from "node:util";
import * as x509 from "@peculiar/x509";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identityFromCertificate, parseSubjectAltName } from "../../src/server/tls-identity.js";

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "custos-identity-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A throw-away self-signed certificate made by openssl with the given subject and extensions. */
async function makeCert(name: string, subject: string, ...addext: string[]): Promise<X509Certificate> {
  const out = join(dir, `${name}.crt`);
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-days",
    "1",
    "-subj",
    subject,
    ...addext.flatMap((e) => ["-addext", e]),
    "-keyout",
    join(dir, `${name}.key`),
    "-out",
    out,
  ]);
  return new X509Certificate(await readFile(out));
}

describe("identityFromCertificate", () => {
  it("returns the subject Common Name, from an X509Certificate or a PeerCertificate", async () => {
    const cert = await makeCert("cn", "/O=Example/CN=alice", "subjectAltName=DNS:alice.example");
    expect(identityFromCertificate(cert)).toBe("alice");
    expect(identityFromCertificate(cert.toLegacyObject())).toBe("alice");
  });

  it("falls back to the first subjectAltName value when there is no CN", async () => {
    const cert = await makeCert("san", "/O=Example", "subjectAltName=DNS:svc.example,IP:10.0.0.1");
    expect(identityFromCertificate(cert)).toBe("svc.example");
    const ip = await makeCert("sanip", "/O=Example", "subjectAltName=IP:10.0.0.1,DNS:svc.example");
    expect(identityFromCertificate(ip)).toBe("10.0.0.1");
    const uri = await makeCert("uri", "/O=Example", "subjectAltName=URI:spiffe://example.org/kms");
    expect(identityFromCertificate(uri)).toBe("spiffe://example.org/kms");
  });

  it("keeps a CN holding commas and equals signs intact", async () => {
    const cert = await makeCert("odd", "/CN=a\\,b=c");
    expect(identityFromCertificate(cert)).toBe("a,b=c");
  });

  it("refuses an ambiguous subject with several CNs", async () => {
    const cert = await makeCert("two", "/CN=alice/CN=bob");
    expect(identityFromCertificate(cert)).toBeUndefined();
  });

  it("returns undefined for no certificate and for a certificate naming nobody", async () => {
    expect(identityFromCertificate({} as PeerCertificate)).toBeUndefined();
    const nobody = await makeCert("nobody", "/O=Example");
    expect(identityFromCertificate(nobody)).toBeUndefined();
  });
});

describe("parseSubjectAltName", () => {
  it("splits node's format, unquoting JSON-quoted values", () => {
    expect(parseSubjectAltName('DNS:a.example, IP Address:127.0.0.1, URI:"http://x/?a=1,b=2", email:x@y')).toEqual([
      { type: "DNS", value: "a.example" },
      { type: "IP Address", value: "127.0.0.1" },
      { type: "URI", value: "http://x/?a=1,b=2" },
      { type: "email", value: "x@y" },
    ]);
    expect(parseSubjectAltName("")).toEqual([]);
  });

  it("matches what node prints for a real certificate with a comma in a SAN", async () => {
    const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
    const keys = (await webcrypto.subtle.generateKey(alg, false, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
    const made = await x509.X509CertificateGenerator.createSelfSigned(
      {
        name: "O=x",
        keys,
        signingAlgorithm: alg,
        extensions: [
          new x509.SubjectAlternativeNameExtension([
            { type: "url", value: "http://h/p?q=a,b" },
            { type: "dns", value: "b.example" },
          ]),
        ],
      },
      webcrypto as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1],
    );
    const cert = new X509Certificate(made.toString("pem"));
    const names = parseSubjectAltName(cert.subjectAltName ?? "");
    expect(names).toEqual([
      { type: "URI", value: "http://h/p?q=a,b" },
      { type: "DNS", value: "b.example" },
    ]);
    expect(identityFromCertificate(cert)).toBe("http://h/p?q=a,b");
  });
});
