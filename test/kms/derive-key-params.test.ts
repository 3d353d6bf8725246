import { createHash, createHmac, hkdfSync, pbkdf2Sync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { req } from "../../src/kmip/read.js";
import type { ProtocolVersion } from "../../src/kmip/version.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  DerivationMethod,
  HashingAlgorithm,
  ObjectType,
  Operation,
  ResultReason,
  SecretDataType,
} from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { params, reasonOf } from "./crypto-support.js";

const V14: ProtocolVersion = { major: 1, minor: 4 };
const V21: ProtocolVersion = { major: 2, minor: 1 };

const hash = (alg: number) => params([ttlv.enum(Tag.HashingAlgorithm, alg)]);
const keyParams = (alg: number): Attr => ({ name: "Cryptographic Parameters", value: hash(alg) });

/**
 * What Derive Key checks of the base object against the request (KMIP 1.4 §4.6 and §11.7
 * Table 333; 2.1 §6.1.14 and §7.12): the Derive Key usage bit, the base object's Cryptographic
 * Parameters (1.x), HMAC's PRF from the key, the length against the method's output, and a
 * base object that cannot serve the method.
 */
describe("Derive Key: base object checks", () => {
  let h: Harness;
  const clients = new Map<string, KmipClient>();
  beforeAll(async () => {
    h = await startHarness();
    clients.set("1.4", await h.client("admin", V14));
    clients.set("2.1", await h.client("admin", V21));
  });
  afterAll(async () => {
    await h.stop();
  });
  const client = (v: ProtocolVersion) => clients.get(`${v.major}.${v.minor}`)!;

  async function register(
    c: KmipClient,
    o: { material: Uint8Array; algorithm?: number; usage?: number; extra?: Attr[] },
  ): Promise<string> {
    const secret = o.algorithm === undefined;
    return c.register({
      objectType: secret ? ObjectType.SecretData : ObjectType.SymmetricKey,
      material: o.material,
      ...(secret ? { secretDataType: SecretDataType.Seed } : { algorithm: o.algorithm, length: o.material.length * 8 }),
      usageMask: o.usage ?? U.DeriveKey,
      attributes: [attr.activationDate(new Date(Date.now() - 60_000)), ...(o.extra ?? [])],
    });
  }

  async function derive(c: KmipClient, baseId: string, method: number, p: TtlvItem[], bytes: number): Promise<Buffer> {
    const r = await c.call(Operation.DeriveKey, [
      ttlv.enum(Tag.ObjectType, ObjectType.SecretData),
      ttlv.text(Tag.UniqueIdentifier, baseId),
      ttlv.enum(Tag.DerivationMethod, method),
      ttlv.struct(Tag.DerivationParameters, p),
      ...c.encodeAttributes([attr.length(bytes * 8)]),
    ]);
    return Buffer.from((await c.get(req.text(r, Tag.UniqueIdentifier))).material);
  }

  for (const v of [V14, V21]) {
    const name = `${v.major}.${v.minor}`;

    it(`${name}: a base object without the Derive Key bit is refused (1.4 Table 333: Invalid Field)`, async () => {
      const c = client(v);
      const id = await register(c, { material: randomBytes(32), usage: U.Encrypt | U.MACGenerate });
      expect(
        await reasonOf(() =>
          derive(c, id, DerivationMethod.HMAC, [ttlv.bytes(Tag.DerivationData, Buffer.from("x"))], 16),
        ),
      ).toBe(v.major >= 2 ? ResultReason.IncompatibleCryptographicUsageMask : ResultReason.InvalidField);
    });

    it(`${name}: HMAC takes its PRF from an HMAC key and ignores the request's Cryptographic Parameters`, async () => {
      const c = client(v);
      const key = randomBytes(64);
      const id = await register(c, { material: key, algorithm: CryptographicAlgorithm.HMAC_SHA512 });
      const data = Buffer.from("derivation data");
      const got = await derive(
        c,
        id,
        DerivationMethod.HMAC,
        [hash(HashingAlgorithm.SHA_256), ttlv.bytes(Tag.DerivationData, data)],
        64,
      );
      expect(got).toEqual(createHmac("sha512", key).update(data).digest());
      // The length is checked against HMAC-SHA512's output, not SHA-256's.
      expect(
        await reasonOf(() => derive(c, id, DerivationMethod.HMAC, [ttlv.bytes(Tag.DerivationData, data)], 65)),
      ).toBe(ResultReason.CryptographicFailure);
    });

    it(`${name}: a length beyond the method's output is Cryptographic Failure (1.4 Table 333)`, async () => {
      const c = client(v);
      const id = await register(c, { material: randomBytes(32), extra: [keyParams(HashingAlgorithm.SHA_256)] });
      expect(await reasonOf(() => derive(c, id, DerivationMethod.HASH, [hash(HashingAlgorithm.SHA_256)], 33))).toBe(
        ResultReason.CryptographicFailure,
      );
    });

    it(`${name}: ENCRYPT from an object that is no cipher key is Invalid Field; from 3DES Feature Not Supported`, async () => {
      const c = client(v);
      const ecb = params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.ECB)]);
      const dd = ttlv.bytes(Tag.DerivationData, randomBytes(32));
      const hmacKey = await register(c, {
        material: randomBytes(32),
        algorithm: CryptographicAlgorithm.HMAC_SHA256,
        extra: [{ name: "Cryptographic Parameters", value: ecb }],
      });
      expect(await reasonOf(() => derive(c, hmacKey, DerivationMethod.ENCRYPT, [ecb, dd], 16))).toBe(
        ResultReason.InvalidField,
      );
      const des3 = await register(c, {
        material: randomBytes(24),
        algorithm: CryptographicAlgorithm.DES3,
        extra: [{ name: "Cryptographic Parameters", value: ecb }],
      });
      expect(await reasonOf(() => derive(c, des3, DerivationMethod.ENCRYPT, [ecb, dd], 16))).toBe(
        ResultReason.FeatureNotSupported,
      );
    });
  }

  describe("1.x: the request's Cryptographic Parameters must match one of the base object's (1.4 §4.6)", () => {
    it("refuses a base object without Cryptographic Parameters, except for HMAC and PBKDF2", async () => {
      const c = client(V14);
      const seed = randomBytes(32);
      const id = await register(c, { material: seed });
      expect(await reasonOf(() => derive(c, id, DerivationMethod.HASH, [hash(HashingAlgorithm.SHA_256)], 32))).toBe(
        ResultReason.InvalidField,
      );
      const info = ttlv.bytes(Tag.DerivationData, Buffer.from("label"));
      expect(
        await reasonOf(() => derive(c, id, DerivationMethod.NIST800_108_C, [hash(HashingAlgorithm.SHA_256), info], 32)),
      ).toBe(ResultReason.InvalidField);
      // HMAC: the Cryptographic Parameters are ignored, so none are needed on the key.
      const data = Buffer.from("data");
      expect(
        await derive(
          c,
          id,
          DerivationMethod.HMAC,
          [hash(HashingAlgorithm.SHA_256), ttlv.bytes(Tag.DerivationData, data)],
          32,
        ),
      ).toEqual(createHmac("sha256", seed).update(data).digest());
      // PBKDF2: Cryptographic Parameters "No, depends on the PRF" (Table 183).
      const salt = randomBytes(8);
      const pbkdf2 = [hash(HashingAlgorithm.SHA_256), ttlv.bytes(Tag.Salt, salt), ttlv.int(Tag.IterationCount, 1000)];
      expect(await derive(c, id, DerivationMethod.PBKDF2, pbkdf2, 32)).toEqual(
        pbkdf2Sync(seed, salt, 1000, 32, "sha256"),
      );
    });

    it("derives with a matching instance, the lowest Attribute Index when the request has none, else Invalid Field", async () => {
      const c = client(V14);
      const seed = randomBytes(32);
      const id = await register(c, {
        material: seed,
        extra: [keyParams(HashingAlgorithm.SHA_512), keyParams(HashingAlgorithm.SHA_384)],
      });
      const sha = (n: string, bytes: number) => createHash(n).update(seed).digest().subarray(0, bytes);
      expect(await derive(c, id, DerivationMethod.HASH, [], 64)).toEqual(sha("sha512", 64));
      expect(await derive(c, id, DerivationMethod.HASH, [hash(HashingAlgorithm.SHA_384)], 48)).toEqual(
        sha("sha384", 48),
      );
      expect(await reasonOf(() => derive(c, id, DerivationMethod.HASH, [hash(HashingAlgorithm.SHA_256)], 32))).toBe(
        ResultReason.InvalidField,
      );
      // The PRF of HKDF also comes from the selected instance when the request names none.
      const salt = randomBytes(8);
      expect(await derive(c, id, DerivationMethod.HKDF, [ttlv.bytes(Tag.Salt, salt)], 40)).toEqual(
        Buffer.from(hkdfSync("sha512", seed, salt, new Uint8Array(), 40)),
      );
    });
  });

  it("2.x dropped the matching rule: the request's Hashing Algorithm wins over the base object's", async () => {
    const c = client(V21);
    const seed = randomBytes(32);
    const id = await register(c, { material: seed, extra: [keyParams(HashingAlgorithm.SHA_512)] });
    expect(await derive(c, id, DerivationMethod.HASH, [hash(HashingAlgorithm.SHA_256)], 32)).toEqual(
      createHash("sha256").update(seed).digest(),
    );
    const bare = await register(c, { material: seed });
    expect(await derive(c, bare, DerivationMethod.HASH, [hash(HashingAlgorithm.SHA_384)], 48)).toEqual(
      createHash("sha384").update(seed).digest(),
    );
  });
});
