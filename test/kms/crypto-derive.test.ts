import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import {
  CryptographicAlgorithm,
  DerivationMethod,
  HashingAlgorithm,
  LinkType,
  ObjectType,
  Operation,
  ResultReason,
  SecretDataType,
} from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { opensslKdf, params, reasonOf } from "./crypto-support.js";

describe("Derive Key (PBKDF2, HMAC, HKDF, NIST SP 800-108 counter) against openssl kdf and node:crypto", () => {
  let h: Harness;
  let c: KmipClient;
  beforeAll(async () => {
    h = await startHarness();
    c = await h.client();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function base(material: Uint8Array, usage: number = U.DeriveKey): Promise<string> {
    return c.register({
      objectType: ObjectType.SecretData,
      material,
      secretDataType: SecretDataType.Password,
      usageMask: usage,
      attributes: [attr.activationDate(new Date(Date.now() - 60_000))],
    });
  }

  async function deriveAes(baseId: string, method: number, p: TtlvItem[], bits = 256): Promise<Buffer> {
    const r = await c.call(Operation.DeriveKey, [
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ttlv.text(Tag.UniqueIdentifier, baseId),
      ttlv.enum(Tag.DerivationMethod, method),
      ttlv.struct(Tag.DerivationParameters, p),
      ...c.encodeAttributes([
        attr.algorithm(CryptographicAlgorithm.AES),
        attr.length(bits),
        attr.usageMask(U.Encrypt | U.Decrypt),
      ]),
    ]);
    const id = r.value.find((v) => v.tag === Tag.UniqueIdentifier);
    if (id?.type !== 7) throw new Error("no Unique Identifier");
    return Buffer.from((await c.get(id.value)).material);
  }

  const sha256 = () => params([ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)]);

  it("PBKDF2-HMAC-SHA256 equals openssl kdf PBKDF2", async () => {
    const password = Buffer.from("correct horse battery staple");
    const salt = randomBytes(16);
    const id = await base(password);
    const got = await deriveAes(id, DerivationMethod.PBKDF2, [
      sha256(),
      ttlv.bytes(Tag.Salt, salt),
      ttlv.int(Tag.IterationCount, 1000),
    ]);
    const expected = opensslKdf("PBKDF2", 32, [
      "digest:SHA256",
      `hexpass:${password.toString("hex")}`,
      `hexsalt:${salt.toString("hex")}`,
      "iter:1000",
    ]);
    expect(got).toEqual(expected);
  });

  it("HKDF-SHA256 equals openssl kdf HKDF; HMAC equals node:crypto", async () => {
    const ikm = randomBytes(32);
    const salt = randomBytes(8);
    const info = Buffer.from("custos hkdf");
    const id = await base(ikm);
    const got = await deriveAes(id, DerivationMethod.HKDF, [
      sha256(),
      ttlv.bytes(Tag.Salt, salt),
      ttlv.bytes(Tag.DerivationData, info),
    ]);
    const expected = opensslKdf("HKDF", 32, [
      "digest:SHA256",
      `hexkey:${ikm.toString("hex")}`,
      `hexsalt:${salt.toString("hex")}`,
      `hexinfo:${info.toString("hex")}`,
    ]);
    expect(got).toEqual(expected);
    const data = randomBytes(20);
    const hmac = await deriveAes(id, DerivationMethod.HMAC, [sha256(), ttlv.bytes(Tag.DerivationData, data)], 128);
    expect(hmac).toEqual(createHmac("sha256", ikm).update(data).digest().subarray(0, 16));
  });

  it("NIST SP 800-108 counter mode (HMAC-SHA256) equals openssl kdf KBKDF", async () => {
    const ki = randomBytes(32);
    const label = Buffer.from("custos");
    const context = randomBytes(12);
    const bits = 256;
    const lengthField = Buffer.alloc(4);
    lengthField.writeUInt32BE(bits, 0);
    const fixed = Buffer.concat([label, Buffer.from([0]), context, lengthField]);
    const id = await base(ki);
    const got = await deriveAes(
      id,
      DerivationMethod.NIST800_108_C,
      [sha256(), ttlv.bytes(Tag.DerivationData, fixed)],
      bits,
    );
    const expected = opensslKdf("KBKDF", 32, [
      "digest:SHA256",
      "mac:HMAC",
      `hexkey:${ki.toString("hex")}`,
      `hexsalt:${label.toString("hex")}`,
      `hexinfo:${context.toString("hex")}`,
    ]);
    expect(got).toEqual(expected);
  });

  it("links base and derived objects both ways", async () => {
    const id = await base(randomBytes(32));
    const r = await c.call(Operation.DeriveKey, [
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ttlv.text(Tag.UniqueIdentifier, id),
      ttlv.enum(Tag.DerivationMethod, DerivationMethod.HKDF),
      ttlv.struct(Tag.DerivationParameters, [sha256()]),
      ...c.encodeAttributes([attr.algorithm(CryptographicAlgorithm.AES), attr.length(128)]),
    ]);
    const derivedId = r.value.find((v) => v.tag === Tag.UniqueIdentifier)?.value;
    const links = async (of: string) =>
      (await c.getAttributes(of, ["Link"])).map((a) => (a.value.type === 1 ? a.value.value.map((v) => v.value) : []));
    expect(await links(id)).toContainEqual([LinkType.DerivedKeyLink, derivedId]);
    expect(await links(String(derivedId))).toContainEqual([LinkType.DerivationBaseObjectLink, id]);
  });

  it("bad input: no Derive Key usage, unsupported method, too long for HMAC", async () => {
    const noUsage = await base(randomBytes(16), U.Encrypt);
    expect(await reasonOf(() => deriveAes(noUsage, DerivationMethod.HKDF, [sha256()]))).toBe(
      ResultReason.IncompatibleCryptographicUsageMask,
    );
    const id = await base(randomBytes(16));
    expect(await reasonOf(() => deriveAes(id, DerivationMethod.AWSSignatureVersion4, [sha256()]))).toBe(
      ResultReason.FeatureNotSupported,
    );
    const tooLong = await reasonOf(() =>
      c.call(Operation.DeriveKey, [
        ttlv.enum(Tag.ObjectType, ObjectType.SecretData),
        ttlv.text(Tag.UniqueIdentifier, id),
        ttlv.enum(Tag.DerivationMethod, DerivationMethod.HMAC),
        ttlv.struct(Tag.DerivationParameters, [sha256(), ttlv.bytes(Tag.DerivationData, Buffer.from("x"))]),
        ...c.encodeAttributes([attr.length(512)]),
      ]),
    );
    expect(tooLong).toBe(ResultReason.CryptographicFailure);
  });
});
