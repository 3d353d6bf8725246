import { createCipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  DerivationMethod,
  HashingAlgorithm,
  ObjectType,
  Operation,
  PaddingMethod,
  ResultReason,
  SecretDataType,
} from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { openssl, opensslKdf, params, reasonOf } from "./crypto-support.js";

/** SP 800-108r1 §4.3 double-pipeline mode with HMAC-SHA256 and a 32-bit counter, written out here. */
function doublePipeline(ki: Buffer, fixed: Buffer, length: number): Buffer {
  const hmac = (...parts: Buffer[]) => parts.reduce((m, p) => m.update(p), createHmac("sha256", ki)).digest();
  let a = fixed;
  const out: Buffer[] = [];
  for (let i = 1; out.length * 32 < length; i++) {
    a = hmac(a);
    const counter = Buffer.from([i >>> 24, (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff]);
    out.push(hmac(a, counter, fixed));
  }
  return Buffer.concat(out).subarray(0, length);
}

describe("Derive Key: HASH, ENCRYPT, NIST SP 800-108 feedback and double-pipeline", () => {
  let h: Harness;
  let c: KmipClient;
  beforeAll(async () => {
    h = await startHarness();
    c = await h.client();
  });
  afterAll(async () => {
    await h.stop();
  });

  const active = () => attr.activationDate(new Date(Date.now() - 60_000));

  async function secret(material: Uint8Array): Promise<string> {
    return c.register({
      objectType: ObjectType.SecretData,
      material,
      secretDataType: SecretDataType.Seed,
      usageMask: U.DeriveKey,
      attributes: [active()],
    });
  }

  async function aesKey(material: Uint8Array, extra: Attr[] = []): Promise<string> {
    return c.register({
      objectType: ObjectType.SymmetricKey,
      material,
      algorithm: CryptographicAlgorithm.AES,
      length: material.length * 8,
      usageMask: U.DeriveKey,
      attributes: [active(), ...extra],
    });
  }

  async function derive(baseId: string, method: number, p: TtlvItem[], bytes: number): Promise<Buffer> {
    const r = await c.call(Operation.DeriveKey, [
      ttlv.enum(Tag.ObjectType, ObjectType.SecretData),
      ttlv.text(Tag.UniqueIdentifier, baseId),
      ttlv.enum(Tag.DerivationMethod, method),
      ttlv.struct(Tag.DerivationParameters, p),
      ...c.encodeAttributes([attr.length(bytes * 8)]),
    ]);
    const id = r.value.find((v) => v.tag === Tag.UniqueIdentifier);
    if (id?.type !== 7) throw new Error("no Unique Identifier");
    return Buffer.from((await c.get(id.value)).material);
  }

  const hashParams = (alg: number) => params([ttlv.enum(Tag.HashingAlgorithm, alg)]);

  it("NIST SP 800-108 feedback mode equals openssl kdf KBKDF mode:FEEDBACK", async () => {
    const ki = randomBytes(32);
    const iv = randomBytes(32);
    const label = Buffer.from("custos-label");
    const context = randomBytes(10);
    const length = 72; // three PRF blocks, the last cut
    const lengthField = Buffer.alloc(4);
    lengthField.writeUInt32BE(length * 8, 0);
    const id = await secret(ki);
    const got = await derive(
      id,
      DerivationMethod.NIST800_108_F,
      [
        hashParams(HashingAlgorithm.SHA_256),
        ttlv.bytes(Tag.InitializationVector, iv),
        ttlv.bytes(Tag.DerivationData, Buffer.concat([label, Buffer.from([0]), context, lengthField])),
      ],
      length,
    );
    const expected = opensslKdf("KBKDF", length, [
      "mac:HMAC",
      "digest:SHA256",
      "mode:FEEDBACK",
      `hexkey:${ki.toString("hex")}`,
      `hexsalt:${label.toString("hex")}`,
      `hexinfo:${context.toString("hex")}`,
      `hexseed:${iv.toString("hex")}`,
    ]);
    expect(got).toEqual(expected);
  });

  it("NIST SP 800-108 double-pipeline mode equals the SP's construction over node:crypto HMAC", async () => {
    const ki = randomBytes(32);
    const fixed = Buffer.concat([Buffer.from("label"), Buffer.from([0]), randomBytes(8), Buffer.from([0, 0, 2, 0])]);
    const id = await secret(ki);
    const got = await derive(
      id,
      DerivationMethod.NIST800_108_DPI,
      [hashParams(HashingAlgorithm.SHA_256), ttlv.bytes(Tag.DerivationData, fixed)],
      64,
    );
    expect(got).toEqual(doublePipeline(ki, fixed, 64));
    // Differs from counter and feedback mode over the same inputs.
    const counter = await derive(
      id,
      DerivationMethod.NIST800_108_C,
      [hashParams(HashingAlgorithm.SHA_256), ttlv.bytes(Tag.DerivationData, fixed)],
      64,
    );
    expect(counter).not.toEqual(got);
  });

  it("HASH is the hash of the base object; Derivation Data as well is Invalid Field; too long is Cryptographic Failure", async () => {
    const seed = randomBytes(40);
    const id = await secret(seed);
    expect(await derive(id, DerivationMethod.HASH, [hashParams(HashingAlgorithm.SHA_384)], 48)).toEqual(
      createHash("sha384").update(seed).digest(),
    );
    expect(await derive(id, DerivationMethod.HASH, [hashParams(HashingAlgorithm.SHA_256)], 16)).toEqual(
      createHash("sha256").update(seed).digest().subarray(0, 16),
    );
    expect(
      await reasonOf(() =>
        derive(
          id,
          DerivationMethod.HASH,
          [hashParams(HashingAlgorithm.SHA_256), ttlv.bytes(Tag.DerivationData, Buffer.from("x"))],
          16,
        ),
      ),
    ).toBe(ResultReason.InvalidField);
    expect(await reasonOf(() => derive(id, DerivationMethod.HASH, [hashParams(HashingAlgorithm.SHA_256)], 33))).toBe(
      ResultReason.CryptographicFailure,
    );
  });

  it("HASH takes the hash algorithm from the base key's Cryptographic Parameters when the request has none", async () => {
    const material = randomBytes(32);
    const id = await aesKey(material, [
      {
        name: "Cryptographic Parameters",
        value: params([ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_512)]),
      },
    ]);
    expect(await derive(id, DerivationMethod.HASH, [], 64)).toEqual(createHash("sha512").update(material).digest());
  });

  it("ENCRYPT is AES-CBC / AES-ECB of the Derivation Data under the base key (node:crypto and openssl enc)", async () => {
    const key = randomBytes(32);
    const iv = randomBytes(16);
    const data = randomBytes(48);
    const id = await aesKey(key);
    const cbc = params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC)]);
    const got = await derive(
      id,
      DerivationMethod.ENCRYPT,
      [cbc, ttlv.bytes(Tag.InitializationVector, iv), ttlv.bytes(Tag.DerivationData, data)],
      40,
    );
    const expected = createCipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
    expect(got).toEqual(Buffer.concat([expected.update(data), expected.final()]).subarray(0, 40));
    const viaOpenssl = openssl(
      (dir) => [
        "enc",
        "-aes-256-cbc",
        "-nopad",
        "-K",
        key.toString("hex"),
        "-iv",
        iv.toString("hex"),
        "-in",
        `${dir}/data`,
      ],
      { data },
    );
    expect(got).toEqual(viaOpenssl.subarray(0, 40));
    // No IV: "empty IV is assumed" -> all-zero IV; PKCS5 padding adds a block.
    const padded = await derive(
      id,
      DerivationMethod.ENCRYPT,
      [
        params([
          ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC),
          ttlv.enum(Tag.PaddingMethod, PaddingMethod.PKCS5),
        ]),
        ttlv.bytes(Tag.DerivationData, data),
      ],
      64,
    );
    const zeroIv = createCipheriv("aes-256-cbc", key, Buffer.alloc(16));
    expect(padded).toEqual(Buffer.concat([zeroIv.update(data), zeroIv.final()]));
    const ecb = await derive(
      id,
      DerivationMethod.ENCRYPT,
      [params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.ECB)]), ttlv.bytes(Tag.DerivationData, data)],
      32,
    );
    const e = createCipheriv("aes-256-ecb", key, null).setAutoPadding(false);
    expect(ecb).toEqual(Buffer.concat([e.update(data), e.final()]).subarray(0, 32));
  });

  it("ENCRYPT: mode from the key's Cryptographic Parameters; key-stream modes, no mode, long output rejected", async () => {
    const key = randomBytes(16);
    const data = randomBytes(32);
    const withEcb = await aesKey(key, [
      { name: "Cryptographic Parameters", value: params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.ECB)]) },
    ]);
    const e = createCipheriv("aes-128-ecb", key, null).setAutoPadding(false);
    expect(await derive(withEcb, DerivationMethod.ENCRYPT, [ttlv.bytes(Tag.DerivationData, data)], 32)).toEqual(
      Buffer.concat([e.update(data), e.final()]),
    );
    const plain = await aesKey(key);
    const run = (p: TtlvItem[], bytes = 16) => reasonOf(() => derive(plain, DerivationMethod.ENCRYPT, p, bytes));
    const dd = ttlv.bytes(Tag.DerivationData, data);
    expect(await run([params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CTR)]), dd])).toBe(
      ResultReason.FeatureNotSupported,
    );
    expect(await run([params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]), dd])).toBe(
      ResultReason.FeatureNotSupported,
    );
    expect(await run([dd])).toBe(ResultReason.BadCryptographicParameters);
    expect(await run([params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.ECB)]), dd], 48)).toBe(
      ResultReason.CryptographicFailure,
    );
    expect(await run([params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.ECB)])])).toBe(ResultReason.MissingData);
    // A Secret Data base has no cipher: "not able to be used to derive a new key" (1.4 §11.7).
    const s = await secret(randomBytes(32));
    expect(
      await reasonOf(() =>
        derive(s, DerivationMethod.ENCRYPT, [params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.ECB)]), dd], 16),
      ),
    ).toBe(ResultReason.InvalidField);
  });
});
