import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { asStruct, findAll, req } from "../../src/kmip/read.js";
import { generalNameText, nameText } from "../../src/kms/x509-name-text.js";
import { CertificateType, ObjectType, Operation, ResultReason } from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const run = promisify(execFile);

async function openssl(args: readonly string[]): Promise<string> {
  return (await run("openssl", [...args], { maxBuffer: 1 << 20 })).stdout;
}

/** The serial has its top bit set, so its DER INTEGER carries a leading 00 octet. */
const LEAF_SERIAL = "0x9F3A0C11D2E4B5A6C7";
const LEAF_SANS = [
  "DNS:leaf.example.com",
  "DNS:www.example.com",
  "IP:127.0.0.1",
  "IP:2001:db8::1",
  "email:ops@example.com",
  "URI:https://example.com/x",
];
const LEAF_IANS = ["email:ca@example.com", "URI:https://ca.example.com/"];

interface TestCerts {
  readonly leaf: Uint8Array;
  readonly ca: Uint8Array;
  /** What openssl says of the leaf. */
  readonly serialHex: string;
  readonly issuer2253: string;
  readonly subject2253: string;
  readonly issuerAltNamesText: string[];
  /** The issuer and subject Name elements, cut from the leaf at the offsets `openssl asn1parse` gives. */
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
}

/** The d=2 elements inside the first d=1 element (the TBSCertificate), from `openssl asn1parse`. */
async function tbsChildren(derFile: string, der: Uint8Array): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  let seenTbs = false;
  for (const line of (await openssl(["asn1parse", "-inform", "DER", "-in", derFile])).split("\n")) {
    const m = /^\s*(\d+):d=(\d+)\s+hl=\s*(\d+)\s+l=\s*(\d+)/.exec(line);
    if (m === null) continue;
    const [off, depth, hl, len] = m.slice(1).map(Number) as [number, number, number, number];
    if (depth === 1) {
      if (seenTbs) break;
      seenTbs = true;
    }
    if (depth === 2) out.push(der.subarray(off, off + hl + len));
  }
  return out;
}

async function makeCerts(dir: string): Promise<TestCerts> {
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  const p = (n: string) => join(dir, n);
  await openssl([
    "req",
    "-x509",
    ...ec,
    "-keyout",
    p("ca.key"),
    "-out",
    p("ca.pem"),
    "-days",
    "2",
    "-subj",
    "/C=US/O=Acme, Inc./OU=#1 Team/CN=Test CA",
  ]);
  await openssl([
    "req",
    "-new",
    ...ec,
    "-keyout",
    p("leaf.key"),
    "-out",
    p("leaf.csr"),
    "-subj",
    "/C=DE/ST=Berlin/L=Berlin/O=Example GmbH/OU=Keys/CN=leaf.example.com/emailAddress=ops@example.com",
  ]);
  await writeFile(p("ext.cnf"), `subjectAltName=${LEAF_SANS.join(",")}\nissuerAltName=${LEAF_IANS.join(",")}\n`);
  await openssl([
    "x509",
    "-req",
    "-in",
    p("leaf.csr"),
    "-CA",
    p("ca.pem"),
    "-CAkey",
    p("ca.key"),
    "-set_serial",
    LEAF_SERIAL,
    "-days",
    "2",
    "-extfile",
    p("ext.cnf"),
    "-out",
    p("leaf.pem"),
  ]);
  await openssl(["x509", "-in", p("leaf.pem"), "-outform", "DER", "-out", p("leaf.der")]);
  await openssl(["x509", "-in", p("ca.pem"), "-outform", "DER", "-out", p("ca.der")]);
  const leaf = new Uint8Array(await readFile(p("leaf.der")));
  const ca = new Uint8Array(await readFile(p("ca.der")));
  const names = await openssl([
    "x509",
    "-in",
    p("leaf.pem"),
    "-noout",
    "-serial",
    "-issuer",
    "-subject",
    "-nameopt",
    "RFC2253",
  ]);
  const field = (k: string): string => {
    const line = names.split("\n").find((l) => l.startsWith(`${k}=`));
    if (line === undefined) throw new Error(`openssl printed no ${k}`);
    return line.slice(k.length + 1);
  };
  const ian = await openssl(["x509", "-in", p("leaf.pem"), "-noout", "-ext", "issuerAltName"]);
  const tbs = await tbsChildren(p("leaf.der"), leaf);
  // [0] version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, [3] extensions
  expect(tbs[0]?.[0]).toBe(0xa0);
  return {
    leaf,
    ca,
    serialHex: field("serial"),
    issuer2253: field("issuer"),
    subject2253: field("subject"),
    issuerAltNamesText: ian.split("\n")[1]!.trim().split(", "),
    issuerDer: tbs[3]!,
    subjectDer: tbs[5]!,
  };
}

/** The DER INTEGER content octets of a positive integer given in hex: even length, 00 before a set top bit. */
function integerContent(hex: string): Buffer {
  let h = hex.length % 2 === 1 ? `0${hex}` : hex;
  if (Number.parseInt(h.slice(0, 2), 16) >= 0x80) h = `00${h}`;
  return Buffer.from(h, "hex");
}

/** DER of a GeneralName with a primitive context tag (RFC 5280 §4.2.1.6), all values here short. */
function generalName(tagNumber: number, value: Uint8Array | string): Buffer {
  const v = typeof value === "string" ? Buffer.from(value, "ascii") : Buffer.from(value);
  return Buffer.concat([Buffer.from([0x80 | tagNumber, v.length]), v]);
}

/** LEAF_SANS as DER GeneralNames, encoded here by hand. */
function leafSanDers(): Buffer[] {
  return [
    generalName(2, "leaf.example.com"),
    generalName(2, "www.example.com"),
    generalName(7, new Uint8Array([127, 0, 0, 1])),
    generalName(7, Buffer.from("20010db8000000000000000000000001", "hex")),
    generalName(1, "ops@example.com"),
    generalName(6, "https://example.com/x"),
  ];
}

function bytesOf(s: TtlvItem, tag: number): Buffer[] {
  return findAll(asStruct(s), tag).map((i) => Buffer.from((i as { value: Uint8Array }).value));
}

function textsOf(s: TtlvItem, tag: number): string[] {
  return findAll(asStruct(s), tag).map((i) => (i as { value: string }).value);
}

function one(attrs: readonly Attr[], name: string): TtlvItem {
  const found = attrs.filter((a) => a.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!.value;
}

async function registerCertificate(c: KmipClient, der: Uint8Array): Promise<string> {
  const p = await c.call(Operation.Register, [
    ttlv.enum(Tag.ObjectType, ObjectType.Certificate),
    ...c.encodeAttributes([]),
    ttlv.struct(Tag.Certificate, [
      ttlv.enum(Tag.CertificateType, CertificateType.X_509),
      ttlv.bytes(Tag.CertificateValue, der),
    ]),
  ]);
  return req.text(p, Tag.UniqueIdentifier);
}

const V1_ONLY = ["Certificate Identifier", "Certificate Subject", "Certificate Issuer"];
const V2_ONLY = ["Certificate Subject CN", "Certificate Subject O", "Certificate Issuer CN", "Certificate Issuer O"];
const BOTH = [
  "Certificate Type",
  "Certificate Length",
  "X.509 Certificate Identifier",
  "X.509 Certificate Subject",
  "X.509 Certificate Issuer",
];

let dir: string;
let certs: TestCerts;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "custos-cert-attrs-"));
  certs = await makeCerts(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

for (const version of [
  { major: 1, minor: 2 },
  { major: 1, minor: 4 },
  { major: 2, minor: 1 },
]) {
  const v1 = version.major === 1;
  describe(`certificate attributes derived on Register, KMIP ${version.major}.${version.minor}`, () => {
    let h: Harness;
    let c: KmipClient;
    let leafId: string;
    let caId: string;
    let attrs: Attr[];

    beforeAll(async () => {
      h = await startHarness();
      c = await h.client("admin", version);
      caId = await registerCertificate(c, certs.ca);
      leafId = await registerCertificate(c, certs.leaf);
      attrs = await c.getAttributes(leafId);
    });
    afterAll(async () => {
      await h.stop();
    });

    it("shows the attributes of this protocol version only", () => {
      const names = new Set(attrs.map((a) => a.name));
      for (const n of BOTH) expect(names.has(n), n).toBe(true);
      for (const n of V1_ONLY) expect(names.has(n), n).toBe(v1);
      for (const n of V2_ONLY) expect(names.has(n), n).toBe(!v1);
    });

    it("sets Certificate Type and Certificate Length", () => {
      expect(one(attrs, "Certificate Type")).toMatchObject({ value: CertificateType.X_509 });
      expect(one(attrs, "Certificate Length")).toMatchObject({ value: certs.leaf.length });
    });

    it("X.509 Certificate Identifier: the issuer Name's DER and the serial number's INTEGER octets", () => {
      const id = one(attrs, "X.509 Certificate Identifier");
      expect(id.tag).toBe(Tag.X_509CertificateIdentifier);
      expect(bytesOf(id, Tag.IssuerDistinguishedName)).toEqual([Buffer.from(certs.issuerDer)]);
      const serial = bytesOf(id, Tag.CertificateSerialNumber);
      expect(serial).toEqual([integerContent(certs.serialHex)]);
      expect(serial[0]![0]).toBe(0x00);
    });

    it("X.509 Certificate Subject: the subject Name's DER and one GeneralName per subjectAltName entry", () => {
      const s = one(attrs, "X.509 Certificate Subject");
      expect(bytesOf(s, Tag.SubjectDistinguishedName)).toEqual([Buffer.from(certs.subjectDer)]);
      expect(bytesOf(s, Tag.SubjectAlternativeName)).toEqual(leafSanDers());
    });

    it("X.509 Certificate Issuer: the issuer Name's DER and the issuerAltName entries", () => {
      const s = one(attrs, "X.509 Certificate Issuer");
      expect(bytesOf(s, Tag.IssuerDistinguishedName)).toEqual([Buffer.from(certs.issuerDer)]);
      expect(bytesOf(s, Tag.IssuerAlternativeName)).toEqual([
        generalName(1, "ca@example.com"),
        generalName(6, "https://ca.example.com/"),
      ]);
    });

    if (v1) {
      it("Certificate Identifier / Subject / Issuer (1.0 text forms) as openssl prints them", () => {
        const id = one(attrs, "Certificate Identifier");
        expect(textsOf(id, Tag.Issuer)).toEqual([certs.issuer2253]);
        expect(textsOf(id, Tag.SerialNumber)).toEqual([certs.serialHex]);
        const subject = one(attrs, "Certificate Subject");
        expect(textsOf(subject, Tag.CertificateSubjectDistinguishedName)).toEqual([certs.subject2253]);
        const node = new X509Certificate(certs.leaf);
        expect(textsOf(subject, Tag.CertificateSubjectAlternativeName)).toEqual(node.subjectAltName?.split(", "));
        const issuer = one(attrs, "Certificate Issuer");
        expect(textsOf(issuer, Tag.CertificateIssuerDistinguishedName)).toEqual([certs.issuer2253]);
        expect(textsOf(issuer, Tag.CertificateIssuerAlternativeName)).toEqual(certs.issuerAltNamesText);
      });
    }

    it("the CA certificate (no alternative names) gets its own values", async () => {
      const ca = await c.getAttributes(caId, ["X.509 Certificate Subject", "X.509 Certificate Issuer"]);
      const subject = one(ca, "X.509 Certificate Subject");
      expect(bytesOf(subject, Tag.SubjectDistinguishedName)).toEqual([Buffer.from(certs.issuerDer)]);
      expect(bytesOf(subject, Tag.SubjectAlternativeName)).toEqual([]);
      expect(bytesOf(one(ca, "X.509 Certificate Issuer"), Tag.IssuerDistinguishedName)).toEqual([
        Buffer.from(certs.issuerDer),
      ]);
    });

    it("Get Attributes by name returns the requested X.509 attribute", async () => {
      const got = await c.getAttributes(leafId, ["X.509 Certificate Identifier"]);
      expect(got.map((a) => a.name)).toEqual(["X.509 Certificate Identifier"]);
    });

    it("Locate finds the certificate by X.509 Certificate Identifier and by X.509 Certificate Subject", async () => {
      const identifier = (serialHex: string): Attr => ({
        name: "X.509 Certificate Identifier",
        value: ttlv.struct(Tag.X_509CertificateIdentifier, [
          ttlv.bytes(Tag.IssuerDistinguishedName, certs.issuerDer),
          ttlv.bytes(Tag.CertificateSerialNumber, integerContent(serialHex)),
        ]),
      });
      expect(await c.locate({ attributes: [identifier(certs.serialHex)] })).toEqual([leafId]);
      expect(await c.locate({ attributes: [identifier("01")] })).toEqual([]);
      const subject: Attr = {
        name: "X.509 Certificate Subject",
        value: ttlv.struct(Tag.X_509CertificateSubject, [
          ttlv.bytes(Tag.SubjectDistinguishedName, certs.subjectDer),
          ...leafSanDers().map((d) => ttlv.bytes(Tag.SubjectAlternativeName, d)),
        ]),
      };
      expect(await c.locate({ attributes: [subject] })).toEqual([leafId]);
      const caSubject: Attr = {
        name: "X.509 Certificate Subject",
        value: ttlv.struct(Tag.X_509CertificateSubject, [ttlv.bytes(Tag.SubjectDistinguishedName, certs.issuerDer)]),
      };
      expect(await c.locate({ attributes: [caSubject] })).toEqual([caId]);
    });
  });
}

/** A short-form DER element, for hand-built Names. */
function tlv(tag: number, ...parts: readonly Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag, body.length]), body]);
}

describe("RFC 4514 text of hand-built Names", () => {
  const cn = Buffer.from("0603550403", "hex");
  const o = Buffer.from("060355040a", "hex");
  const unknown = Buffer.from("06032a0304", "hex"); // 1.2.3.4

  it("writes RDNs last-first, joins multi-valued RDNs with +, escapes specials", () => {
    const name = tlv(
      0x30,
      tlv(0x31, tlv(0x30, o, tlv(0x13, Buffer.from("X")))),
      tlv(0x31, tlv(0x30, cn, tlv(0x0c, Buffer.from("a+b"))), tlv(0x30, o, tlv(0x0c, Buffer.from(" lead")))),
    );
    expect(nameText(name)).toBe("CN=a\\+b+O=\\ lead,O=X");
  });

  it("decodes BMPString, writes unknown types as dotted OID and #hex, and the empty Name as empty text", () => {
    expect(nameText(tlv(0x30, tlv(0x31, tlv(0x30, cn, tlv(0x1e, Buffer.from([0x00, 0xe9]))))))).toBe("CN=é");
    expect(nameText(tlv(0x30, tlv(0x31, tlv(0x30, unknown, tlv(0x0c, Buffer.from("v"))))))).toBe("1.2.3.4=#0c0176");
    expect(nameText(Buffer.from([0x30, 0x00]))).toBe("");
  });

  it("writes registeredID and directoryName GeneralNames", () => {
    expect(generalNameText(tlv(0x88, Buffer.from("2a0304", "hex")))).toBe("Registered ID:1.2.3.4");
    const dn = tlv(0x30, tlv(0x31, tlv(0x30, cn, tlv(0x0c, Buffer.from("d")))));
    expect(generalNameText(tlv(0xa4, dn))).toBe("DirName:CN=d");
  });

  it("refuses truncated DER with Invalid Field", () => {
    expect(() => nameText(Buffer.from([0x30, 0x05, 0x31]))).toThrow(
      expect.objectContaining({ name: "KmipError", reason: ResultReason.InvalidField }),
    );
  });
});
