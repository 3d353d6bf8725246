import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KmipClient } from "../../src/client/kmip-client.js";
import {
  CryptographicAlgorithm,
  DigitalSignatureAlgorithm,
  HashingAlgorithm,
  ObjectType,
  Operation,
  ResultReason,
  ValidityIndicator,
} from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { bytesOf, enumOf, openssl, params, reasonOf, registerAsymmetric } from "./crypto-support.js";

const cases = [
  { curve: "P-256", bits: 256, hash: "sha256", alg: HashingAlgorithm.SHA_256 },
  { curve: "P-384", bits: 384, hash: "sha384", alg: HashingAlgorithm.SHA_384 },
  { curve: "P-521", bits: 521, hash: "sha512", alg: HashingAlgorithm.SHA_512 },
  // A digest longer than the order (SHA-512 on P-256) is cut to its leftmost bits (FIPS 186-5 §6.4.1).
  { curve: "P-256", bits: 256, hash: "sha512", alg: HashingAlgorithm.SHA_512 },
  // And a shorter one is used whole.
  { curve: "P-521", bits: 521, hash: "sha256", alg: HashingAlgorithm.SHA_256 },
] as const;

describe("ECDSA Sign / Signature Verify over Digested Data against node:crypto and openssl", () => {
  let h: Harness;
  let c: KmipClient;
  beforeAll(async () => {
    h = await startHarness();
    c = await h.client();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function pair(curve: string, bits: number) {
    const kp = generateKeyPairSync("ec", { namedCurve: curve });
    const reg = (objectType: number, key: KeyObject, usageMask: number) =>
      registerAsymmetric(c, {
        objectType,
        der:
          objectType === ObjectType.PrivateKey
            ? key.export({ format: "der", type: "pkcs8" })
            : key.export({ format: "der", type: "spki" }),
        algorithm: CryptographicAlgorithm.ECDSA,
        length: bits,
        usageMask,
      });
    return {
      ...kp,
      priv: await reg(ObjectType.PrivateKey, kp.privateKey, U.Sign),
      pub: await reg(ObjectType.PublicKey, kp.publicKey, U.Verify),
    };
  }

  const call = (op: number, id: string, items: TtlvItem[]) =>
    c.call(op, [ttlv.text(Tag.UniqueIdentifier, id), ...items]);

  for (const k of cases) {
    it(`${k.curve} over a ${k.hash} digest: node verifies over the data, openssl pkeyutl over the digest, and back`, async () => {
      const p = await pair(k.curve, k.bits);
      const hp = params([ttlv.enum(Tag.HashingAlgorithm, k.alg)]);
      for (let i = 0; i < 4; i++) {
        const data = randomBytes(100);
        const digest = createHash(k.hash).update(data).digest();
        const sig = bytesOf(
          await call(Operation.Sign, p.priv, [hp, ttlv.bytes(Tag.DigestedData, digest)]),
          Tag.SignatureData,
        );
        expect(verify(k.hash, data, { key: p.publicKey, dsaEncoding: "der" }, sig)).toBe(true);
        expect(verify(k.hash, randomBytes(100), { key: p.publicKey, dsaEncoding: "der" }, sig)).toBe(false);
        // node signs the data; custos verifies over its digest.
        const theirs = sign(k.hash, data, { key: p.privateKey, dsaEncoding: "der" });
        const ok = await call(Operation.SignatureVerify, p.pub, [
          hp,
          ttlv.bytes(Tag.DigestedData, digest),
          ttlv.bytes(Tag.SignatureData, theirs),
        ]);
        expect(enumOf(ok, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);
        const other = createHash(k.hash).update(randomBytes(8)).digest();
        const bad = await call(Operation.SignatureVerify, p.pub, [
          hp,
          ttlv.bytes(Tag.DigestedData, other),
          ttlv.bytes(Tag.SignatureData, theirs),
        ]);
        expect(enumOf(bad, Tag.ValidityIndicator)).toBe(ValidityIndicator.Invalid);
      }
      // openssl pkeyutl -verify with no digest option checks the raw digest (EVP_PKEY_verify).
      const digest = createHash(k.hash).update("openssl").digest();
      const sig = bytesOf(
        await call(Operation.Sign, p.priv, [hp, ttlv.bytes(Tag.DigestedData, digest)]),
        Tag.SignatureData,
      );
      const pubPem = p.publicKey.export({ format: "pem", type: "spki" }).toString();
      const out = openssl(
        (dir) => [
          "pkeyutl",
          "-verify",
          "-pubin",
          "-inkey",
          `${dir}/pub.pem`,
          "-in",
          `${dir}/digest`,
          "-sigfile",
          `${dir}/sig`,
        ],
        { "pub.pem": pubPem, digest, sig },
      );
      expect(out.toString()).toContain("Signature Verified Successfully");
      // openssl pkeyutl -sign over the digest; custos verifies.
      const privPem = p.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
      const theirs = openssl((dir) => ["pkeyutl", "-sign", "-inkey", `${dir}/key.pem`, "-in", `${dir}/digest`], {
        "key.pem": privPem,
        digest,
      });
      const v = await call(Operation.SignatureVerify, p.pub, [
        hp,
        ttlv.bytes(Tag.DigestedData, digest),
        ttlv.bytes(Tag.SignatureData, theirs),
      ]);
      expect(enumOf(v, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);
    });
  }

  it("the Digital Signature Algorithm picks the hash; a wrong digest length is Invalid Field; a mangled signature is Invalid", async () => {
    const p = await pair("P-256", 256);
    const data = randomBytes(33);
    const digest = createHash("sha384").update(data).digest();
    const dsa = params([ttlv.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.ECDSAWithSHA384)]);
    const sig = bytesOf(
      await call(Operation.Sign, p.priv, [dsa, ttlv.bytes(Tag.DigestedData, digest)]),
      Tag.SignatureData,
    );
    expect(verify("sha384", data, { key: p.publicKey, dsaEncoding: "der" }, sig)).toBe(true);
    expect(
      await reasonOf(() => call(Operation.Sign, p.priv, [dsa, ttlv.bytes(Tag.DigestedData, digest.subarray(0, 32))])),
    ).toBe(ResultReason.InvalidField);
    for (const mangled of [
      Buffer.concat([sig, Buffer.from([0])]),
      sig.subarray(0, sig.length - 1),
      Buffer.from(sig.map((b, i) => (i === sig.length - 1 ? b ^ 1 : b))),
      Buffer.from([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01]),
    ]) {
      const v = await call(Operation.SignatureVerify, p.pub, [
        dsa,
        ttlv.bytes(Tag.DigestedData, digest),
        ttlv.bytes(Tag.SignatureData, mangled),
      ]);
      expect(enumOf(v, Tag.ValidityIndicator)).toBe(ValidityIndicator.Invalid);
    }
  });

  it("secp256k1 over a digest is Feature Not Supported (only the NIST curves)", async () => {
    const p = await pair("secp256k1", 256);
    const digest = createHash("sha256").update("x").digest();
    expect(await reasonOf(() => call(Operation.Sign, p.priv, [ttlv.bytes(Tag.DigestedData, digest)]))).toBe(
      ResultReason.FeatureNotSupported,
    );
  });
});
