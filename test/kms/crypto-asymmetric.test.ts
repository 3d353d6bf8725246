import {
  constants,
  createHash,
  generateKeyPairSync,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  verify,
} from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KmipClient } from "../../src/client/kmip-client.js";
import {
  CryptographicAlgorithm,
  DigitalSignatureAlgorithm,
  HashingAlgorithm,
  MaskGenerator,
  ObjectType,
  Operation,
  PaddingMethod,
  ResultReason,
  ValidityIndicator,
} from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { bytesOf, enumOf, openssl, params, reasonOf, registerAsymmetric } from "./crypto-support.js";

interface Pair {
  readonly priv: string;
  readonly pub: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly pubPem: string;
  readonly privPem: string;
}

describe("asymmetric cryptographic services (RSA, ECDSA, EdDSA) against node:crypto and openssl", () => {
  let h: Harness;
  let c: KmipClient;
  let rsa: Pair;
  let ec: Pair;
  let ed: Pair;

  async function register(
    kp: { privateKey: KeyObject; publicKey: KeyObject },
    algorithm: number,
    length: number,
    privMask: number,
    pubMask: number,
  ): Promise<Pair> {
    const priv = await registerAsymmetric(c, {
      objectType: ObjectType.PrivateKey,
      der: kp.privateKey.export({ format: "der", type: "pkcs8" }),
      algorithm,
      length,
      usageMask: privMask,
    });
    const pub = await registerAsymmetric(c, {
      objectType: ObjectType.PublicKey,
      der: kp.publicKey.export({ format: "der", type: "spki" }),
      algorithm,
      length,
      usageMask: pubMask,
    });
    return {
      priv,
      pub,
      ...kp,
      pubPem: kp.publicKey.export({ format: "pem", type: "spki" }).toString(),
      privPem: kp.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    };
  }

  const call = (op: number, id: string, items: TtlvItem[]) =>
    c.call(op, [ttlv.text(Tag.UniqueIdentifier, id), ...items]);

  beforeAll(async () => {
    h = await startHarness();
    c = await h.client();
    rsa = await register(
      generateKeyPairSync("rsa", { modulusLength: 2048 }),
      CryptographicAlgorithm.RSA,
      2048,
      U.Sign | U.Decrypt,
      U.Verify | U.Encrypt,
    );
    ec = await register(
      generateKeyPairSync("ec", { namedCurve: "P-256" }),
      CryptographicAlgorithm.ECDSA,
      256,
      U.Sign,
      U.Verify,
    );
    ed = await register(generateKeyPairSync("ed25519"), CryptographicAlgorithm.Ed25519, 256, U.Sign, U.Verify);
  });
  afterAll(async () => {
    await h.stop();
  });

  const oaep = (hash: number, mgf: number) =>
    params([
      ttlv.enum(Tag.PaddingMethod, PaddingMethod.OAEP),
      ttlv.enum(Tag.HashingAlgorithm, hash),
      ttlv.enum(Tag.MaskGenerator, MaskGenerator.MGF1),
      ttlv.enum(Tag.MaskGeneratorHashingAlgorithm, mgf),
    ]);

  it("RSA-OAEP: openssl pkeyutl decrypts custos ciphertexts, custos decrypts openssl's (same and different MGF1 hash)", async () => {
    const plain = randomBytes(40);
    for (const [hash, mgf, hn, mn] of [
      [HashingAlgorithm.SHA_256, HashingAlgorithm.SHA_256, "sha256", "sha256"],
      [HashingAlgorithm.SHA_384, HashingAlgorithm.SHA_256, "sha384", "sha256"],
    ] as const) {
      const r = await call(Operation.Encrypt, rsa.pub, [oaep(hash, mgf), ttlv.bytes(Tag.Data, plain)]);
      const opts = [
        "-pkeyopt",
        "rsa_padding_mode:oaep",
        "-pkeyopt",
        `rsa_oaep_md:${hn}`,
        "-pkeyopt",
        `rsa_mgf1_md:${mn}`,
      ];
      const out = openssl((d) => ["pkeyutl", "-decrypt", "-inkey", `${d}/k.pem`, "-in", `${d}/ct`, ...opts], {
        "k.pem": rsa.privPem,
        ct: bytesOf(r, Tag.Data),
      });
      expect(out).toEqual(plain);
      const ct = openssl((d) => ["pkeyutl", "-encrypt", "-pubin", "-inkey", `${d}/p.pem`, "-in", `${d}/pt`, ...opts], {
        "p.pem": rsa.pubPem,
        pt: plain,
      });
      const back = await call(Operation.Decrypt, rsa.priv, [oaep(hash, mgf), ttlv.bytes(Tag.Data, ct)]);
      expect(bytesOf(back, Tag.Data)).toEqual(plain);
    }
  });

  it("RSA PKCS#1 v1.5 encryption both ways with node:crypto; a corrupted ciphertext is Cryptographic Failure", async () => {
    const p = params([ttlv.enum(Tag.PaddingMethod, PaddingMethod.PKCS1V1_5)]);
    const plain = randomBytes(32);
    const ct = publicEncrypt({ key: rsa.publicKey, padding: constants.RSA_PKCS1_PADDING }, plain);
    expect(bytesOf(await call(Operation.Decrypt, rsa.priv, [p, ttlv.bytes(Tag.Data, ct)]), Tag.Data)).toEqual(plain);
    const r = await call(Operation.Encrypt, rsa.pub, [p, ttlv.bytes(Tag.Data, plain)]);
    const out = openssl((d) => ["pkeyutl", "-decrypt", "-inkey", `${d}/k.pem`, "-in", `${d}/ct`], {
      "k.pem": rsa.privPem,
      ct: bytesOf(r, Tag.Data),
    });
    expect(out).toEqual(plain);
    const bad = Buffer.from(ct);
    bad[5] = (bad[5] ?? 0) ^ 0xff;
    expect(await reasonOf(() => call(Operation.Decrypt, rsa.priv, [p, ttlv.bytes(Tag.Data, bad)]))).toBe(
      ResultReason.CryptographicFailure,
    );
    // node:crypto still decrypts OAEP itself: check custos OAEP output once more through it.
    const o = await call(Operation.Encrypt, rsa.pub, [
      oaep(HashingAlgorithm.SHA_1, HashingAlgorithm.SHA_1),
      ttlv.bytes(Tag.Data, plain),
    ]);
    expect(privateDecrypt({ key: rsa.privateKey, oaepHash: "sha1" }, bytesOf(o, Tag.Data))).toEqual(plain);
  });

  it("RSA signatures (PKCS#1 v1.5 and PSS) verify with openssl dgst, and custos verifies openssl's", async () => {
    const data = randomBytes(200);
    const pkcs1 = params([
      ttlv.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.SHA_256WithRSAEncryption),
    ]);
    const pss = params([
      ttlv.enum(Tag.PaddingMethod, PaddingMethod.PSS),
      ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256),
    ]);
    const pssOpts = ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"];
    for (const [p, extra] of [
      [pkcs1, []],
      [pss, pssOpts],
    ] as const) {
      const sig = bytesOf(await call(Operation.Sign, rsa.priv, [p, ttlv.bytes(Tag.Data, data)]), Tag.SignatureData);
      const out = openssl(
        (d) => ["dgst", "-sha256", ...extra, "-verify", `${d}/p.pem`, "-signature", `${d}/sig`, `${d}/data`],
        { "p.pem": rsa.pubPem, sig, data },
      );
      expect(out.toString()).toContain("Verified OK");
      const theirs = openssl((d) => ["dgst", "-sha256", ...extra, "-sign", `${d}/k.pem`, `${d}/data`], {
        "k.pem": rsa.privPem,
        data,
      });
      const v = await call(Operation.SignatureVerify, rsa.pub, [
        p,
        ttlv.bytes(Tag.Data, data),
        ttlv.bytes(Tag.SignatureData, theirs),
      ]);
      expect(enumOf(v, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);
      const tampered = Buffer.from(data);
      tampered[0] = (tampered[0] ?? 0) ^ 1;
      const w = await call(Operation.SignatureVerify, rsa.pub, [
        p,
        ttlv.bytes(Tag.Data, tampered),
        ttlv.bytes(Tag.SignatureData, theirs),
      ]);
      expect(enumOf(w, Tag.ValidityIndicator)).toBe(ValidityIndicator.Invalid);
    }
  });

  it("RSA Sign over Digested Data (PKCS#1 v1.5 and PSS) verifies over the data with node:crypto", async () => {
    const data = randomBytes(64);
    const digest = createHash("sha384").update(data).digest();
    for (const [padding, nodePadding] of [
      [PaddingMethod.PKCS1V1_5, constants.RSA_PKCS1_PADDING],
      [PaddingMethod.PSS, constants.RSA_PKCS1_PSS_PADDING],
    ] as const) {
      const p = params([
        ttlv.enum(Tag.PaddingMethod, padding),
        ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_384),
      ]);
      const sig = bytesOf(
        await call(Operation.Sign, rsa.priv, [p, ttlv.bytes(Tag.DigestedData, digest)]),
        Tag.SignatureData,
      );
      expect(verify("sha384", data, { key: rsa.publicKey, padding: nodePadding, saltLength: 48 }, sig)).toBe(true);
      const v = await call(Operation.SignatureVerify, rsa.pub, [
        p,
        ttlv.bytes(Tag.DigestedData, digest),
        ttlv.bytes(Tag.SignatureData, sig),
      ]);
      expect(enumOf(v, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);
    }
  });

  it("ECDSA P-256 (DER signatures) both ways with openssl dgst", async () => {
    const data = randomBytes(100);
    const p = params([ttlv.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.ECDSAWithSHA256)]);
    const sig = bytesOf(await call(Operation.Sign, ec.priv, [p, ttlv.bytes(Tag.Data, data)]), Tag.SignatureData);
    const out = openssl((d) => ["dgst", "-sha256", "-verify", `${d}/p.pem`, "-signature", `${d}/sig`, `${d}/data`], {
      "p.pem": ec.pubPem,
      sig,
      data,
    });
    expect(out.toString()).toContain("Verified OK");
    const theirs = openssl((d) => ["dgst", "-sha256", "-sign", `${d}/k.pem`, `${d}/data`], {
      "k.pem": ec.privPem,
      data,
    });
    const v = await call(Operation.SignatureVerify, ec.pub, [
      ttlv.bytes(Tag.Data, data),
      ttlv.bytes(Tag.SignatureData, theirs),
    ]);
    expect(enumOf(v, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);
  });

  it("Ed25519 both ways with openssl pkeyutl -rawin, and multi-part Sign", async () => {
    const data = randomBytes(150);
    const sig = bytesOf(await call(Operation.Sign, ed.priv, [ttlv.bytes(Tag.Data, data)]), Tag.SignatureData);
    const out = openssl(
      (d) => [
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        `${d}/p.pem`,
        "-rawin",
        "-in",
        `${d}/data`,
        "-sigfile",
        `${d}/sig`,
      ],
      { "p.pem": ed.pubPem, sig, data },
    );
    expect(out.toString()).toContain("Signature Verified Successfully");
    const theirs = openssl((d) => ["pkeyutl", "-sign", "-inkey", `${d}/k.pem`, "-rawin", "-in", `${d}/data`], {
      "k.pem": ed.privPem,
      data,
    });
    const v = await call(Operation.SignatureVerify, ed.pub, [
      ttlv.bytes(Tag.Data, data),
      ttlv.bytes(Tag.SignatureData, theirs),
    ]);
    expect(enumOf(v, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);

    const first = await call(Operation.Sign, ed.priv, [
      ttlv.bytes(Tag.Data, data.subarray(0, 50)),
      ttlv.bool(Tag.InitIndicator, true),
    ]);
    const corr = bytesOf(first, Tag.CorrelationValue);
    const last = await c.call(Operation.Sign, [
      ttlv.bytes(Tag.Data, data.subarray(50)),
      ttlv.bytes(Tag.CorrelationValue, corr),
      ttlv.bool(Tag.FinalIndicator, true),
    ]);
    expect(verify(null, data, ed.publicKey, bytesOf(last, Tag.SignatureData))).toBe(true);
  });

  it("bad input: a public key cannot sign, a key without Sign usage cannot sign, ECDSA over Digested Data is Feature Not Supported", async () => {
    const data = randomBytes(10);
    expect(await reasonOf(() => call(Operation.Sign, ec.pub, [ttlv.bytes(Tag.Data, data)]))).toBe(
      ResultReason.InvalidObjectType,
    );
    // rsa.priv has Sign | Decrypt; ec.priv has Sign only: it may not decrypt.
    expect(await reasonOf(() => call(Operation.Decrypt, ec.priv, [ttlv.bytes(Tag.Data, data)]))).toBe(
      ResultReason.IncompatibleCryptographicUsageMask,
    );
    const noSign = await registerAsymmetric(c, {
      objectType: ObjectType.PrivateKey,
      der: ec.privateKey.export({ format: "der", type: "pkcs8" }),
      algorithm: CryptographicAlgorithm.ECDSA,
      length: 256,
      usageMask: U.Decrypt,
    });
    expect(await reasonOf(() => call(Operation.Sign, noSign, [ttlv.bytes(Tag.Data, data)]))).toBe(
      ResultReason.IncompatibleCryptographicUsageMask,
    );
    expect(
      await reasonOf(() =>
        call(Operation.Sign, ed.priv, [ttlv.bytes(Tag.DigestedData, createHash("sha256").update(data).digest())]),
      ),
    ).toBe(ResultReason.InvalidField); // Ed25519ph signs a 64-byte SHA-512 digest (crypto-sign-ed25519ph.test.ts)
  });

  it("a cached parsed key is still subject to state: a Deactivated key no longer signs but its public key verifies", async () => {
    const pair = await register(generateKeyPairSync("ed25519"), CryptographicAlgorithm.Ed25519, 256, U.Sign, U.Verify);
    const data = randomBytes(32);
    const sig = bytesOf(await call(Operation.Sign, pair.priv, [ttlv.bytes(Tag.Data, data)]), Tag.SignatureData);
    await c.revoke(pair.priv);
    expect(await reasonOf(() => call(Operation.Sign, pair.priv, [ttlv.bytes(Tag.Data, data)]))).toBe(
      ResultReason.WrongKeyLifecycleState,
    );
    await c.revoke(pair.pub);
    const v = await call(Operation.SignatureVerify, pair.pub, [
      ttlv.bytes(Tag.Data, data),
      ttlv.bytes(Tag.SignatureData, sig),
    ]);
    expect(enumOf(v, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);
  });
});
