import { execFileSync } from "node:child_process";
import { createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KmipError } from "../../src/kmip/kmip-error.js";
import { keyBlockAs } from "../../src/kms/keys/key-block-as.js";
import { keyObjectFromBlock } from "../../src/kms/keys/key-object.js";
import { asymmetricFacts } from "../../src/kms/keys/register-check.js";
import {
  CryptographicAlgorithm,
  KeyFormatType,
  ObjectType,
  RecommendedCurve,
  ResultReason,
} from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";

const F = KeyFormatType;
const dir = mkdtempSync(join(tmpdir(), "custos-keyfmt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reasonOf(f: () => unknown): number | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof KmipError) return e.reason;
    throw e;
  }
  return undefined;
}

function block(format: number, material: TtlvItem, algorithm?: number): StructureItem {
  const v: TtlvItem[] = [ttlv.enum(Tag.KeyFormatType, format), ttlv.struct(Tag.KeyValue, [material])];
  if (algorithm !== undefined) v.push(ttlv.enum(Tag.CryptographicAlgorithm, algorithm));
  return ttlv.struct(Tag.KeyBlock, v);
}

const pkcs8 = (k: KeyObject) => k.export({ format: "der", type: "pkcs8" });
const spki = (k: KeyObject) => k.export({ format: "der", type: "spki" });

const cases: ReadonlyArray<{
  name: string;
  pair: () => { privateKey: KeyObject; publicKey: KeyObject };
  algorithm: number;
  privateFormats: number[];
  publicFormats: number[];
}> = [
  {
    name: "RSA 2048",
    pair: () => generateKeyPairSync("rsa", { modulusLength: 2048 }),
    algorithm: CryptographicAlgorithm.RSA,
    privateFormats: [F.PKCS_1, F.PKCS_8, F.TransparentRSAPrivateKey],
    publicFormats: [F.PKCS_1, F.X_509, F.TransparentRSAPublicKey],
  },
  ...(["prime256v1", "secp384r1", "secp521r1"] as const).map((namedCurve) => ({
    name: `EC ${namedCurve}`,
    pair: () => generateKeyPairSync("ec", { namedCurve }),
    algorithm: CryptographicAlgorithm.ECDSA,
    privateFormats: [F.PKCS_8, F.ECPrivateKey, F.TransparentECPrivateKey, F.TransparentECDSAPrivateKey],
    publicFormats: [F.X_509, F.TransparentECPublicKey, F.TransparentECDSAPublicKey],
  })),
  {
    name: "Ed25519",
    pair: () => generateKeyPairSync("ed25519"),
    algorithm: CryptographicAlgorithm.Ed25519,
    privateFormats: [F.PKCS_8, F.Raw],
    publicFormats: [F.X_509, F.Raw],
  },
  {
    name: "X25519",
    pair: () => generateKeyPairSync("x25519"),
    algorithm: CryptographicAlgorithm.ECDH,
    privateFormats: [F.PKCS_8, F.Raw],
    publicFormats: [F.X_509, F.Raw],
  },
];

describe("key formats", () => {
  for (const c of cases) {
    it(`${c.name}: every private and public format round-trips to the same key`, () => {
      const { privateKey, publicKey } = c.pair();
      for (const f of c.privateFormats) {
        const kb = keyBlockAs(privateKey, ObjectType.PrivateKey, f, c.algorithm, undefined);
        const back = keyObjectFromBlock(ObjectType.PrivateKey, kb);
        expect(pkcs8(back).equals(pkcs8(privateKey)), `private format ${f}`).toBe(true);
      }
      for (const f of c.publicFormats) {
        const kb = keyBlockAs(publicKey, ObjectType.PublicKey, f, c.algorithm, undefined);
        const back = keyObjectFromBlock(ObjectType.PublicKey, kb);
        expect(spki(back).equals(spki(publicKey)), `public format ${f}`).toBe(true);
      }
    });
  }

  it("formats that do not fit the key are Key Format Type Not Supported", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const nope = ResultReason.KeyFormatTypeNotSupported;
    expect(reasonOf(() => keyBlockAs(rsa.privateKey, ObjectType.PrivateKey, F.ECPrivateKey, 4, 2048))).toBe(nope);
    expect(reasonOf(() => keyBlockAs(rsa.privateKey, ObjectType.PrivateKey, F.Raw, 4, 2048))).toBe(nope);
    expect(reasonOf(() => keyBlockAs(ec.privateKey, ObjectType.PrivateKey, F.PKCS_1, 6, 256))).toBe(nope);
    expect(reasonOf(() => keyBlockAs(ec.publicKey, ObjectType.PublicKey, F.TransparentRSAPublicKey, 6, 256))).toBe(
      nope,
    );
    expect(reasonOf(() => keyBlockAs(rsa.publicKey, ObjectType.PublicKey, F.PKCS_8, 4, 2048))).toBe(nope);
    expect(reasonOf(() => keyBlockAs(rsa.publicKey, ObjectType.PublicKey, F.TransparentDSAPublicKey, 4, 2048))).toBe(
      nope,
    );
  });

  it("reads keys made by the openssl CLI (SEC1 ECPrivateKey, PKCS#1) and signs verifiably", () => {
    const ecPem = join(dir, "ec.pem");
    execFileSync("openssl", ["ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", ecPem]);
    const sec1 = execFileSync("openssl", ["ec", "-in", ecPem, "-outform", "DER"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    const ecPubPem = execFileSync("openssl", ["ec", "-in", ecPem, "-pubout"], { stdio: ["ignore", "pipe", "ignore"] });
    const priv = keyObjectFromBlock(ObjectType.PrivateKey, block(F.ECPrivateKey, ttlv.bytes(Tag.KeyMaterial, sec1)));
    const data = Buffer.from("custos");
    const sig = sign("sha384", data, priv);
    expect(verify("sha384", data, createPublicKey(ecPubPem), sig)).toBe(true);
    // The Q String of the Transparent EC Public Key is openssl's uncompressed point.
    const pointHex = execFileSync("openssl", ["ec", "-in", ecPem, "-pubout", "-outform", "DER"], {
      stdio: ["ignore", "pipe", "ignore"],
    })
      .subarray(-97)
      .toString("hex");
    const t = keyBlockAs(createPublicKey(ecPubPem), ObjectType.PublicKey, F.TransparentECPublicKey, 6, 384);
    const km = ((t.value[1] as StructureItem).value[0] as StructureItem).value;
    expect(km[0]).toEqual(ttlv.enum(Tag.RecommendedCurve, RecommendedCurve.P_384));
    expect(Buffer.from(km[1]?.value as Uint8Array).toString("hex")).toBe(pointHex);

    const rsaPem = join(dir, "rsa.pem");
    execFileSync("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", rsaPem]);
    const pkcs1 = execFileSync("openssl", ["rsa", "-in", rsaPem, "-traditional", "-outform", "DER"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    const rsa = keyObjectFromBlock(ObjectType.PrivateKey, block(F.PKCS_1, ttlv.bytes(Tag.KeyMaterial, pkcs1)));
    expect(rsa.asymmetricKeyDetails?.modulusLength).toBe(2048);
    // The Transparent RSA Private Key's Modulus is openssl's modulus.
    const modulus = execFileSync("openssl", ["rsa", "-in", rsaPem, "-noout", "-modulus"]).toString().trim();
    const tr = keyBlockAs(rsa, ObjectType.PrivateKey, F.TransparentRSAPrivateKey, 4, 2048);
    const n = ((tr.value[1] as StructureItem).value[0] as StructureItem).value[0];
    if (n?.type !== 4) throw new Error("Modulus is a Big Integer");
    expect(n.tag).toBe(Tag.Modulus);
    expect(`Modulus=${n.value.toString(16).toUpperCase()}`).toBe(modulus);
    expect(readFileSync(rsaPem, "utf8")).toContain("BEGIN PRIVATE KEY");
  });

  it("a Transparent EC Private Key needs only the curve and D; a compressed Q String is accepted", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const jwk = privateKey.export({ format: "jwk" });
    const d = BigInt(`0x${Buffer.from(jwk.d ?? "", "base64url").toString("hex")}`);
    const priv = keyObjectFromBlock(
      ObjectType.PrivateKey,
      block(
        F.TransparentECPrivateKey,
        ttlv.struct(Tag.KeyMaterial, [ttlv.enum(Tag.RecommendedCurve, RecommendedCurve.P_256), ttlv.bigint(Tag.D, d)]),
      ),
    );
    expect(pkcs8(priv).equals(pkcs8(privateKey))).toBe(true);
    const compressed = publicKey.export({ format: "jwk" });
    const y = Buffer.from(compressed.y ?? "", "base64url");
    const q = Buffer.concat([Buffer.from([2 + ((y.at(-1) ?? 0) & 1)]), Buffer.from(compressed.x ?? "", "base64url")]);
    const pub = keyObjectFromBlock(
      ObjectType.PublicKey,
      block(
        F.TransparentECPublicKey,
        ttlv.struct(Tag.KeyMaterial, [
          ttlv.enum(Tag.RecommendedCurve, RecommendedCurve.P_256),
          ttlv.bytes(Tag.QString, q),
        ]),
      ),
    );
    expect(spki(pub).equals(spki(publicKey))).toBe(true);
  });

  it("bad material is Invalid Field; a contradicting length or algorithm is Invalid Field", () => {
    const invalid = ResultReason.InvalidField;
    const garbage = ttlv.bytes(Tag.KeyMaterial, Buffer.from("30820101deadbeef", "hex"));
    expect(reasonOf(() => keyObjectFromBlock(ObjectType.PrivateKey, block(F.PKCS_1, garbage)))).toBe(invalid);
    expect(reasonOf(() => keyObjectFromBlock(ObjectType.PrivateKey, block(F.PKCS_8, garbage)))).toBe(invalid);
    expect(reasonOf(() => keyObjectFromBlock(ObjectType.PublicKey, block(F.X_509, garbage)))).toBe(invalid);
    // A point that is not on the curve.
    const offCurve = ttlv.struct(Tag.KeyMaterial, [
      ttlv.enum(Tag.RecommendedCurve, RecommendedCurve.P_256),
      ttlv.bytes(Tag.QString, Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)])),
    ]);
    expect(reasonOf(() => keyObjectFromBlock(ObjectType.PublicKey, block(F.TransparentECPublicKey, offCurve)))).toBe(
      invalid,
    );
    // A private key offered as a Public Key does not parse as one.
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const privDer = ttlv.bytes(Tag.KeyMaterial, rsa.privateKey.export({ format: "der", type: "pkcs1" }));
    expect(reasonOf(() => keyObjectFromBlock(ObjectType.PublicKey, block(F.PKCS_1, privDer)))).toBe(invalid);

    const kb = block(F.PKCS_1, privDer);
    expect(asymmetricFacts(ObjectType.PrivateKey, kb, F.PKCS_1, { algorithm: undefined, length: undefined })).toEqual({
      algorithm: CryptographicAlgorithm.RSA,
      length: 2048,
    });
    expect(reasonOf(() => asymmetricFacts(ObjectType.PrivateKey, kb, F.PKCS_1, { algorithm: 4, length: 3072 }))).toBe(
      invalid,
    );
    expect(
      reasonOf(() =>
        asymmetricFacts(ObjectType.PrivateKey, kb, F.PKCS_1, { algorithm: CryptographicAlgorithm.ECDSA, length: 2048 }),
      ),
    ).toBe(invalid);
    const missingP = ttlv.struct(Tag.KeyMaterial, [ttlv.bigint(Tag.Modulus, 12345n)]);
    expect(
      reasonOf(() =>
        asymmetricFacts(
          ObjectType.PrivateKey,
          block(F.TransparentRSAPrivateKey, missingP),
          F.TransparentRSAPrivateKey,
          {
            algorithm: undefined,
            length: undefined,
          },
        ),
      ),
    ).toBe(invalid);
  });

  it("symmetric keys come back from Raw and Transparent Symmetric Key", () => {
    const raw = Buffer.alloc(32, 9);
    for (const kb of [
      block(F.Raw, ttlv.bytes(Tag.KeyMaterial, raw)),
      block(F.TransparentSymmetricKey, ttlv.struct(Tag.KeyMaterial, [ttlv.bytes(Tag.Key, raw)])),
    ]) {
      expect(keyObjectFromBlock(ObjectType.SymmetricKey, kb).export().equals(raw)).toBe(true);
    }
  });
});
