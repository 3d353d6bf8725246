import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import { MAX_DATA_BYTES, MAX_RNG_BYTES } from "../../src/kms/crypto/limits.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  HashingAlgorithm,
  ObjectType,
  Operation,
  PaddingMethod,
  ResultReason,
  RevocationReasonCode,
  ValidityIndicator,
} from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { bytesOf, enumOf, openssl, params, reasonOf } from "./crypto-support.js";

const v14 = { major: 1, minor: 4 };

describe("symmetric cryptographic services (Encrypt, Decrypt, MAC, Hash, RNG Retrieve)", () => {
  let h: Harness;
  let c: KmipClient;
  const active = () => attr.activationDate(new Date(Date.now() - 60_000));
  async function key(material: Uint8Array, algorithm: number, usageMask: number, activate = true): Promise<string> {
    return c.register({
      objectType: ObjectType.SymmetricKey,
      material,
      algorithm,
      length: material.length * 8,
      usageMask,
      attributes: activate ? [active()] : [],
    });
  }
  const encrypt = (id: string, items: TtlvItem[]) =>
    c.call(Operation.Encrypt, [ttlv.text(Tag.UniqueIdentifier, id), ...items]);
  const decrypt = (id: string, items: TtlvItem[]) =>
    c.call(Operation.Decrypt, [ttlv.text(Tag.UniqueIdentifier, id), ...items]);

  beforeAll(async () => {
    h = await startHarness();
    c = await h.client();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("AES-256-CBC/PKCS5: a custos ciphertext with a server IV decrypts with openssl enc, and the other way round", async () => {
    const k = randomBytes(32);
    const id = await key(k, CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt);
    const cbc = params([
      ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC),
      ttlv.enum(Tag.PaddingMethod, PaddingMethod.PKCS5),
    ]);
    const plain = Buffer.from("custos and openssl agree on CBC with PKCS#5 padding.");
    const r = await encrypt(id, [cbc, ttlv.bytes(Tag.Data, plain)]);
    const iv = bytesOf(r, Tag.IVCounterNonce);
    expect(iv.length).toBe(16);
    const ct = bytesOf(r, Tag.Data);
    const viaOpenssl = openssl(
      (d) => ["enc", "-d", "-aes-256-cbc", "-K", k.toString("hex"), "-iv", iv.toString("hex"), "-in", `${d}/ct`],
      { ct },
    );
    expect(viaOpenssl).toEqual(plain);

    const iv2 = randomBytes(16);
    const ct2 = openssl(
      (d) => ["enc", "-aes-256-cbc", "-K", k.toString("hex"), "-iv", iv2.toString("hex"), "-in", `${d}/pt`],
      { pt: plain },
    );
    const back = await decrypt(id, [cbc, ttlv.bytes(Tag.Data, ct2), ttlv.bytes(Tag.IVCounterNonce, iv2)]);
    expect(bytesOf(back, Tag.Data)).toEqual(plain);
  });

  it("AES-128-CTR and AES-ECB (no padding) match openssl enc and node:crypto", async () => {
    const k = randomBytes(16);
    const id = await key(k, CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt);
    const iv = randomBytes(16);
    const plain = randomBytes(100);
    const r = await encrypt(id, [
      params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CTR)]),
      ttlv.bytes(Tag.Data, plain),
      ttlv.bytes(Tag.IVCounterNonce, iv),
    ]);
    const expected = openssl(
      (d) => ["enc", "-aes-128-ctr", "-K", k.toString("hex"), "-iv", iv.toString("hex"), "-in", `${d}/pt`],
      { pt: plain },
    );
    expect(bytesOf(r, Tag.Data)).toEqual(expected);

    const block = randomBytes(32);
    const e = await encrypt(id, [
      params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.ECB)]),
      ttlv.bytes(Tag.Data, block),
    ]);
    const ecb = createCipheriv("aes-128-ecb", k, null).setAutoPadding(false);
    expect(bytesOf(e, Tag.Data)).toEqual(Buffer.concat([ecb.update(block), ecb.final()]));
  });

  it("AES-GCM with additional data: node:crypto decrypts custos output and custos decrypts node:crypto output", async () => {
    const k = randomBytes(32);
    const id = await key(k, CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt);
    const gcm = params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM), ttlv.int(Tag.TagLength, 16)]);
    const aad = Buffer.from("header");
    const plain = randomBytes(4096);
    const r = await encrypt(id, [
      gcm,
      ttlv.bytes(Tag.Data, plain),
      ttlv.bytes(Tag.AuthenticatedEncryptionAdditionalData, aad),
    ]);
    const iv = bytesOf(r, Tag.IVCounterNonce);
    expect(iv.length).toBe(12);
    const d = createDecipheriv("aes-256-gcm", k, iv);
    d.setAAD(aad);
    d.setAuthTag(bytesOf(r, Tag.AuthenticatedEncryptionTag));
    expect(Buffer.concat([d.update(bytesOf(r, Tag.Data)), d.final()])).toEqual(plain);

    const iv2 = randomBytes(12);
    const e = createCipheriv("aes-256-gcm", k, iv2);
    e.setAAD(aad);
    const ct = Buffer.concat([e.update(plain), e.final()]);
    const tag = e.getAuthTag();
    const ok = await decrypt(id, [
      gcm,
      ttlv.bytes(Tag.Data, ct),
      ttlv.bytes(Tag.IVCounterNonce, iv2),
      ttlv.bytes(Tag.AuthenticatedEncryptionAdditionalData, aad),
      ttlv.bytes(Tag.AuthenticatedEncryptionTag, tag),
    ]);
    expect(bytesOf(ok, Tag.Data)).toEqual(plain);

    const badTag = Buffer.from(tag);
    badTag[0] = (badTag[0] ?? 0) ^ 1;
    const reason = await reasonOf(() =>
      decrypt(id, [
        gcm,
        ttlv.bytes(Tag.Data, ct),
        ttlv.bytes(Tag.IVCounterNonce, iv2),
        ttlv.bytes(Tag.AuthenticatedEncryptionAdditionalData, aad),
        ttlv.bytes(Tag.AuthenticatedEncryptionTag, badTag),
      ]),
    );
    expect(reason).toBe(ResultReason.CryptographicFailure);
  });

  it("multi-part AES-GCM (Init Indicator, Correlation Value, Final Indicator) equals the single-part result", async () => {
    const k = randomBytes(16);
    const id = await key(k, CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt);
    const gcm = params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]);
    const iv = randomBytes(12);
    const parts = [randomBytes(40), randomBytes(17), randomBytes(33)];
    const first = await encrypt(id, [
      gcm,
      ttlv.bytes(Tag.Data, parts[0]!),
      ttlv.bytes(Tag.IVCounterNonce, iv),
      ttlv.bool(Tag.InitIndicator, true),
    ]);
    const corr = bytesOf(first, Tag.CorrelationValue);
    const mid = await encrypt(id, [ttlv.bytes(Tag.Data, parts[1]!), ttlv.bytes(Tag.CorrelationValue, corr)]);
    const last = await encrypt(id, [
      ttlv.bytes(Tag.Data, parts[2]!),
      ttlv.bytes(Tag.CorrelationValue, corr),
      ttlv.bool(Tag.FinalIndicator, true),
    ]);
    const e = createCipheriv("aes-128-gcm", k, iv);
    const expected = Buffer.concat([e.update(Buffer.concat(parts)), e.final()]);
    const got = Buffer.concat([bytesOf(first, Tag.Data), bytesOf(mid, Tag.Data), bytesOf(last, Tag.Data)]);
    expect(got).toEqual(expected);
    expect(bytesOf(last, Tag.AuthenticatedEncryptionTag)).toEqual(e.getAuthTag());
    // The stream is closed: its Correlation Value is no longer valid.
    const reason = await reasonOf(() =>
      encrypt(id, [ttlv.bytes(Tag.Data, parts[0]!), ttlv.bytes(Tag.CorrelationValue, corr)]),
    );
    expect(reason).toBe(ResultReason.InvalidCorrelationValue);
    // Another client cannot continue someone else's stream.
    const other = await encrypt(id, [gcm, ttlv.bytes(Tag.Data, parts[0]!), ttlv.bool(Tag.InitIndicator, true)]);
    const u = await h.client("user");
    const stolen = await reasonOf(() =>
      u.call(Operation.Encrypt, [
        ttlv.bytes(Tag.Data, parts[1]!),
        ttlv.bytes(Tag.CorrelationValue, bytesOf(other, Tag.CorrelationValue)),
      ]),
    );
    expect(stolen).toBe(ResultReason.InvalidCorrelationValue);
  });

  it("ChaCha20-Poly1305 and ChaCha20 match node:crypto and openssl", async () => {
    const k = randomBytes(32);
    const id = await key(k, CryptographicAlgorithm.ChaCha20Poly1305, U.Encrypt | U.Decrypt);
    const nonce = randomBytes(12);
    const aad = randomBytes(9);
    const plain = randomBytes(77);
    const r = await encrypt(id, [
      params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.AEAD)]),
      ttlv.bytes(Tag.Data, plain),
      ttlv.bytes(Tag.IVCounterNonce, nonce),
      ttlv.bytes(Tag.AuthenticatedEncryptionAdditionalData, aad),
    ]);
    const e = createCipheriv("chacha20-poly1305", k, nonce, { authTagLength: 16 });
    e.setAAD(aad, { plaintextLength: plain.length });
    expect(bytesOf(r, Tag.Data)).toEqual(Buffer.concat([e.update(plain), e.final()]));
    expect(bytesOf(r, Tag.AuthenticatedEncryptionTag)).toEqual(e.getAuthTag());

    const k2 = randomBytes(32);
    const id2 = await key(k2, CryptographicAlgorithm.ChaCha20, U.Encrypt | U.Decrypt);
    const n2 = randomBytes(12);
    const r2 = await encrypt(id2, [ttlv.bytes(Tag.Data, plain), ttlv.bytes(Tag.IVCounterNonce, n2)]);
    // openssl's ChaCha20 IV is the 32-bit little-endian block counter followed by the 96-bit nonce.
    const opensslIv = Buffer.concat([Buffer.alloc(4), n2]).toString("hex");
    const expected = openssl(
      (d) => ["enc", "-chacha20", "-K", k2.toString("hex"), "-iv", opensslIv, "-in", `${d}/pt`],
      {
        pt: plain,
      },
    );
    expect(bytesOf(r2, Tag.Data)).toEqual(expected);
  });

  it("MAC and MAC Verify: HMAC-SHA1/224/256/384/512 equal node:crypto; AES-CMAC equals openssl", async () => {
    const cases: Array<[number, string]> = [
      [CryptographicAlgorithm.HMAC_SHA1, "sha1"],
      [CryptographicAlgorithm.HMAC_SHA224, "sha224"],
      [CryptographicAlgorithm.HMAC_SHA256, "sha256"],
      [CryptographicAlgorithm.HMAC_SHA384, "sha384"],
      [CryptographicAlgorithm.HMAC_SHA512, "sha512"],
    ];
    const data = randomBytes(300);
    for (const [alg, name] of cases) {
      const k = randomBytes(32);
      const id = await key(k, alg, U.MACGenerate | U.MACVerify);
      const r = await c.call(Operation.MAC, [ttlv.text(Tag.UniqueIdentifier, id), ttlv.bytes(Tag.Data, data)]);
      const mac = bytesOf(r, Tag.MACData);
      expect(mac).toEqual(createHmac(name, k).update(data).digest());
      const ok = await c.call(Operation.MACVerify, [
        ttlv.text(Tag.UniqueIdentifier, id),
        ttlv.bytes(Tag.Data, data),
        ttlv.bytes(Tag.MACData, mac),
      ]);
      expect(enumOf(ok, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);
      const bad = await c.call(Operation.MACVerify, [
        ttlv.text(Tag.UniqueIdentifier, id),
        ttlv.bytes(Tag.Data, Buffer.concat([data, Buffer.from([0])])),
        ttlv.bytes(Tag.MACData, mac),
      ]);
      expect(enumOf(bad, Tag.ValidityIndicator)).toBe(ValidityIndicator.Invalid);
    }
    for (const len of [16, 32]) {
      const k = randomBytes(len);
      const id = await key(k, CryptographicAlgorithm.AES, U.MACGenerate);
      for (const msg of [Buffer.alloc(0), randomBytes(16), randomBytes(45)]) {
        const r = await c.call(Operation.MAC, [
          ttlv.text(Tag.UniqueIdentifier, id),
          params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CMAC)]),
          ttlv.bytes(Tag.Data, msg),
        ]);
        const expected = openssl(
          (d) => [
            "mac",
            "-cipher",
            `AES-${len * 8}-CBC`,
            "-macopt",
            `hexkey:${k.toString("hex")}`,
            "-in",
            `${d}/m`,
            "CMAC",
          ],
          { m: msg },
        );
        expect(bytesOf(r, Tag.MACData).toString("hex").toUpperCase()).toBe(expected.toString().trim());
      }
    }
  });

  it("Hash: SHA-1, SHA-2 and SHA-3 equal node:crypto, single- and multi-part", async () => {
    const data = randomBytes(1000);
    const cases: Array<[number, string]> = [
      [HashingAlgorithm.SHA_1, "sha1"],
      [HashingAlgorithm.SHA_224, "sha224"],
      [HashingAlgorithm.SHA_256, "sha256"],
      [HashingAlgorithm.SHA_384, "sha384"],
      [HashingAlgorithm.SHA_512, "sha512"],
      [HashingAlgorithm.SHA3_256, "sha3-256"],
      [HashingAlgorithm.SHA3_512, "sha3-512"],
    ];
    for (const [alg, name] of cases) {
      const p = params([ttlv.enum(Tag.HashingAlgorithm, alg)]);
      const r = await c.call(Operation.Hash, [p, ttlv.bytes(Tag.Data, data)]);
      expect(bytesOf(r, Tag.Data)).toEqual(createHash(name).update(data).digest());
    }
    const p = params([ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA3_384)]);
    const first = await c.call(Operation.Hash, [
      p,
      ttlv.bytes(Tag.Data, data.subarray(0, 10)),
      ttlv.bool(Tag.InitIndicator, true),
    ]);
    const corr = bytesOf(first, Tag.CorrelationValue);
    const last = await c.call(Operation.Hash, [
      ttlv.bytes(Tag.Data, data.subarray(10)),
      ttlv.bytes(Tag.CorrelationValue, corr),
      ttlv.bool(Tag.FinalIndicator, true),
    ]);
    expect(bytesOf(last, Tag.Data)).toEqual(createHash("sha3-384").update(data).digest());
  });

  it("RNG Retrieve returns Data Length random bytes, bounded by MAX_RNG_BYTES", async () => {
    const r = await c.call(Operation.RNGRetrieve, [ttlv.int(Tag.DataLength, 48)]);
    const a = bytesOf(r, Tag.Data);
    expect(a.length).toBe(48);
    const b = bytesOf(await c.call(Operation.RNGRetrieve, [ttlv.int(Tag.DataLength, 48)]), Tag.Data);
    expect(a.equals(b)).toBe(false);
    expect(await reasonOf(() => c.call(Operation.RNGRetrieve, [ttlv.int(Tag.DataLength, MAX_RNG_BYTES + 1)]))).toBe(
      ResultReason.InvalidField,
    );
    expect(await reasonOf(() => c.call(Operation.RNGRetrieve, [ttlv.int(Tag.DataLength, 0)]))).toBe(
      ResultReason.InvalidField,
    );
  });

  describe("bad input", () => {
    const ecb = () => params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.ECB)]);
    const block = Buffer.alloc(16, 1);

    it("wrong usage mask: Incompatible Cryptographic Usage Mask (2.1), Permission Denied (1.4)", async () => {
      const id = await key(randomBytes(16), CryptographicAlgorithm.AES, U.Decrypt);
      expect(await reasonOf(() => encrypt(id, [ecb(), ttlv.bytes(Tag.Data, block)]))).toBe(
        ResultReason.IncompatibleCryptographicUsageMask,
      );
      const old = await h.client("admin", v14);
      expect(
        await reasonOf(() =>
          old.call(Operation.Encrypt, [ttlv.text(Tag.UniqueIdentifier, id), ecb(), ttlv.bytes(Tag.Data, block)]),
        ),
      ).toBe(ResultReason.PermissionDenied);
      const mac = await reasonOf(() =>
        c.call(Operation.MAC, [ttlv.text(Tag.UniqueIdentifier, id), ttlv.bytes(Tag.Data, block)]),
      );
      expect(mac).toBe(ResultReason.IncompatibleCryptographicUsageMask);
    });

    it("state: Pre-Active may not be used; Deactivated and Compromised keys only decrypt", async () => {
      const k = randomBytes(16);
      const pre = await key(k, CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt, false);
      expect(await reasonOf(() => encrypt(pre, [ecb(), ttlv.bytes(Tag.Data, block)]))).toBe(
        ResultReason.WrongKeyLifecycleState,
      );
      expect(await reasonOf(() => decrypt(pre, [ecb(), ttlv.bytes(Tag.Data, block)]))).toBe(
        ResultReason.WrongKeyLifecycleState,
      );
      const e = createCipheriv("aes-128-ecb", k, null).setAutoPadding(false);
      const ct = Buffer.concat([e.update(block), e.final()]);
      for (const reasonCode of [RevocationReasonCode.CessationOfOperation, RevocationReasonCode.KeyCompromise]) {
        const id = await key(k, CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt);
        const compromised = reasonCode === RevocationReasonCode.KeyCompromise;
        await c.revoke(id, reasonCode, compromised ? new Date(Date.now() - 1000) : undefined);
        expect(await reasonOf(() => encrypt(id, [ecb(), ttlv.bytes(Tag.Data, block)]))).toBe(
          ResultReason.WrongKeyLifecycleState,
        );
        expect(bytesOf(await decrypt(id, [ecb(), ttlv.bytes(Tag.Data, ct)]), Tag.Data)).toEqual(block);
      }
    });

    it("wrong key type: Invalid Object Type (2.1), Permission Denied (1.4)", async () => {
      const secret = await c.register({
        objectType: ObjectType.SecretData,
        material: randomBytes(16),
        usageMask: U.Encrypt,
        attributes: [active()],
      });
      expect(await reasonOf(() => encrypt(secret, [ecb(), ttlv.bytes(Tag.Data, block)]))).toBe(
        ResultReason.InvalidObjectType,
      );
      const aes = await key(randomBytes(16), CryptographicAlgorithm.AES, U.Sign);
      expect(
        await reasonOf(() =>
          c.call(Operation.Sign, [ttlv.text(Tag.UniqueIdentifier, aes), ttlv.bytes(Tag.Data, block)]),
        ),
      ).toBe(ResultReason.InvalidObjectType);
      const old = await h.client("admin", v14);
      expect(
        await reasonOf(() =>
          old.call(Operation.Encrypt, [ttlv.text(Tag.UniqueIdentifier, secret), ecb(), ttlv.bytes(Tag.Data, block)]),
        ),
      ).toBe(ResultReason.PermissionDenied);
    });

    it("wrong IV length is Invalid Field; a missing IV on Decrypt is Invalid Message (CS-BC-M-11)", async () => {
      const id = await key(randomBytes(16), CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt);
      const cbc = params([ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC)]);
      expect(
        await reasonOf(() =>
          encrypt(id, [cbc, ttlv.bytes(Tag.Data, block), ttlv.bytes(Tag.IVCounterNonce, randomBytes(8))]),
        ),
      ).toBe(ResultReason.InvalidField);
      expect(await reasonOf(() => decrypt(id, [cbc, ttlv.bytes(Tag.Data, block)]))).toBe(ResultReason.InvalidMessage);
      const cp = await key(randomBytes(32), CryptographicAlgorithm.ChaCha20Poly1305, U.Encrypt);
      expect(
        await reasonOf(() =>
          encrypt(cp, [ttlv.bytes(Tag.Data, block), ttlv.bytes(Tag.IVCounterNonce, randomBytes(16))]),
        ),
      ).toBe(ResultReason.InvalidField);
    });

    it("oversize Data is refused with Invalid Field naming MAX_DATA_BYTES", async () => {
      const id = await key(randomBytes(16), CryptographicAlgorithm.AES, U.Encrypt);
      const big = Buffer.alloc(MAX_DATA_BYTES + 16);
      try {
        await encrypt(id, [ecb(), ttlv.bytes(Tag.Data, big)]);
        expect.fail("oversize data was accepted");
      } catch (e) {
        expect((e as { resultReason?: number }).resultReason).toBe(ResultReason.InvalidField);
        expect(String((e as Error).message)).toContain(String(MAX_DATA_BYTES));
      }
      // Exactly at the limit is accepted.
      const ok = await encrypt(id, [ecb(), ttlv.bytes(Tag.Data, Buffer.alloc(MAX_DATA_BYTES))]);
      expect(bytesOf(ok, Tag.Data).length).toBe(MAX_DATA_BYTES);
    });
  });
});
