import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPublicKey,
  type KeyObject,
  randomBytes,
  verify,
} from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import type { ProtocolVersion } from "../../src/kmip/version.js";
import { encodeTtlv } from "../../src/ttlv/encode.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  EncodingOption,
  HashingAlgorithm,
  KeyFormatType,
  ObjectType,
  Operation,
  PaddingMethod,
  ResultReason,
  WrappingMethod,
} from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { reasonOf } from "./crypto-support.js";
import {
  active,
  bytes,
  child,
  cryptoParams,
  KW_IV,
  keyBlockOf,
  materialOfEncoded,
  struct,
} from "./key-wrap-support.js";

/**
 * Wrapping Method "MAC/sign then encrypt" (KMIP 1.4 §2.1.5, 2.1 §3.3; enumeration value 4), as
 * custos reads it (src/kms/wrap/wrapping-method.ts): the MAC/Signature is computed over the encoded
 * Key Value (the TTLV-encoded Key Value structure, or the Key Material bytes with No Encoding) and
 * sent in Key Wrapping Data's MAC/Signature field; the Key Value Byte String is the encryption of
 * that same encoded Key Value. Every result is checked here with node:crypto alone.
 */

const kwParams = [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.NISTKeyWrap)];
const pssParams = [
  ttlv.enum(Tag.PaddingMethod, PaddingMethod.PSS),
  ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256),
];

function idOf(p: StructureItem, tag: number = Tag.UniqueIdentifier): string {
  const c = child(p, tag);
  if (c.type !== 7) throw new Error("not a text string");
  return c.value;
}
function aesKwUnwrap(kek: Buffer, wrapped: Uint8Array): Buffer {
  const d = createDecipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV);
  return Buffer.concat([d.update(wrapped), d.final()]);
}
function aesKwWrap(kek: Buffer, data: Uint8Array): Buffer {
  const c = createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV);
  return Buffer.concat([c.update(data), c.final()]);
}
const hmac256 = (key: Buffer, data: Uint8Array) => createHmac("sha256", key).update(data).digest();
const pssVerify = (pub: KeyObject, data: Uint8Array, sig: Uint8Array) =>
  verify(
    "sha256",
    data,
    { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
    sig,
  );

function spec(method: number, encId: string, macId: string, encoding?: number): TtlvItem {
  return ttlv.struct(Tag.KeyWrappingSpecification, [
    ttlv.enum(Tag.WrappingMethod, method),
    ttlv.struct(Tag.EncryptionKeyInformation, [ttlv.text(Tag.UniqueIdentifier, encId)]),
    ttlv.struct(Tag.MACSignatureKeyInformation, [ttlv.text(Tag.UniqueIdentifier, macId)]),
    ...(encoding === undefined ? [] : [ttlv.enum(Tag.EncodingOption, encoding)]),
  ]);
}

/** A Key Block with one child replaced (the Key Value, or a field of the Key Wrapping Data). */
function withKeyValue(kb: StructureItem, value: Uint8Array): StructureItem {
  return ttlv.struct(
    Tag.KeyBlock,
    kb.value.map((x) => (x.tag === Tag.KeyValue ? ttlv.bytes(Tag.KeyValue, value) : x)),
  );
}
function withWrappingData(kb: StructureItem, f: (x: TtlvItem) => TtlvItem): StructureItem {
  return ttlv.struct(
    Tag.KeyBlock,
    kb.value.map((x) => (x.tag === Tag.KeyWrappingData && x.type === 1 ? ttlv.struct(x.tag, x.value.map(f)) : x)),
  );
}
const withMac = (kb: StructureItem, mac: Uint8Array) =>
  withWrappingData(kb, (y) => (y.tag === Tag.MACSignature ? ttlv.bytes(Tag.MACSignature, mac) : y));
const withMacKeyId = (kb: StructureItem, id: string) =>
  withWrappingData(kb, (y) =>
    y.tag === Tag.MACSignatureKeyInformation ? ttlv.struct(y.tag, [ttlv.text(Tag.UniqueIdentifier, id)]) : y,
  );
const withMethod = (kb: StructureItem, method: number) =>
  withWrappingData(kb, (y) => (y.tag === Tag.WrappingMethod ? ttlv.enum(Tag.WrappingMethod, method) : y));

const versions: { name: string; version: ProtocolVersion | undefined }[] = [
  { name: "KMIP 2.1", version: undefined },
  { name: "KMIP 1.4", version: { major: 1, minor: 4 } },
];

describe("Wrapping Method MAC/sign then encrypt on Get and Register", () => {
  let h: Harness;
  let c: KmipClient;
  const clients = new Map<string, KmipClient>();

  beforeAll(async () => {
    h = await startHarness();
    c = await h.client();
    for (const v of versions) clients.set(v.name, await h.client("admin", v.version));
  });
  afterAll(async () => {
    await h.stop();
  });

  const clientFor = (name: string): KmipClient => {
    const k = clients.get(name);
    if (k === undefined) throw new Error(`no client for ${name}`);
    return k;
  };
  const symmetric = (material: Buffer, algorithm: number, usageMask: number, p: TtlvItem[]) =>
    c.register({
      objectType: ObjectType.SymmetricKey,
      material,
      algorithm,
      length: material.length * 8,
      usageMask,
      attributes: [active(), cryptoParams(p)],
    });
  const kek = (material: Buffer, usageMask = U.WrapKey | U.UnwrapKey) =>
    symmetric(material, CryptographicAlgorithm.AES, usageMask, kwParams);
  const hmacKey = (material: Buffer, usageMask = U.MACGenerate | U.MACVerify) =>
    symmetric(material, CryptographicAlgorithm.HMAC_SHA256, usageMask, [
      ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256),
    ]);
  /** An RSA pair made by Create Key Pair (so its halves are linked), signing with PSS / SHA-256. */
  async function signingPair(privateUsage: number = U.Sign, publicUsage: number = U.Verify) {
    const box = (tag: number, attrs: Attr[]) => ttlv.struct(tag, attrs.map(encodeAttribute2));
    const made = await c.call(Operation.CreateKeyPair, [
      box(Tag.CommonAttributes, [
        attr.algorithm(CryptographicAlgorithm.RSA),
        attr.length(2048),
        active(),
        cryptoParams(pssParams),
      ]),
      box(Tag.PrivateKeyAttributes, [attr.usageMask(privateUsage)]),
      box(Tag.PublicKeyAttributes, [attr.usageMask(publicUsage)]),
    ]);
    const privId = idOf(made, Tag.PrivateKeyUniqueIdentifier);
    const pubId = idOf(made, Tag.PublicKeyUniqueIdentifier);
    const spki = (await c.get(pubId, { keyFormatType: KeyFormatType.X_509 })).material;
    return { privId, pubId, pub: createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }) };
  }
  const getWrapped = (k: KmipClient, id: string, s: TtlvItem) =>
    k.call(Operation.Get, [ttlv.text(Tag.UniqueIdentifier, id), s]).then(keyBlockOf);
  const registerBlock = (k: KmipClient, kb: StructureItem) =>
    k.call(Operation.Register, [
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ...k.encodeAttributes([attr.usageMask(U.Encrypt | U.Decrypt)]),
      ttlv.struct(Tag.SymmetricKey, [kb]),
    ]);
  /** Registers `kb`, checks the stored key is `plain` in the clear, and returns its identifier. */
  async function registersAs(k: KmipClient, kb: StructureItem, plain: Buffer): Promise<string> {
    const id = idOf(await registerBlock(k, kb));
    const stored = await getWrapped(k, id, ttlv.enum(Tag.KeyFormatType, KeyFormatType.Raw));
    expect(stored.value.some((x) => x.tag === Tag.KeyWrappingData)).toBe(false);
    expect(bytes(struct(stored, Tag.KeyValue), Tag.KeyMaterial)).toEqual(plain);
    return id;
  }
  /** Register of `kb` fails with `reason` and stores no object. */
  async function refused(k: KmipClient, kb: StructureItem, reason: number): Promise<void> {
    const before = await h.custos.store.countObjects({});
    expect(await reasonOf(() => registerBlock(k, kb))).toBe(reason);
    expect(await h.custos.store.countObjects({})).toBe(before);
  }

  for (const { name } of versions) {
    describe(name, () => {
      it("AES wrapping key + HMAC key: HMAC over the encoded Key Value in MAC/Signature, AES-KW of the same bytes", async () => {
        const k = clientFor(name);
        const kekBytes = randomBytes(32);
        const macBytes = randomBytes(32);
        const [kekId, macId] = await Promise.all([kek(kekBytes), hmacKey(macBytes)]);
        const keyId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
        const plain = Buffer.from((await c.get(keyId)).material);

        const kb = await getWrapped(k, keyId, spec(WrappingMethod.MACSignThenEncrypt, kekId, macId));
        const kwd = struct(kb, Tag.KeyWrappingData);
        expect(kwd.value.map((x) => x.tag)).toEqual([
          Tag.WrappingMethod,
          Tag.EncryptionKeyInformation,
          Tag.MACSignatureKeyInformation,
          Tag.MACSignature,
        ]);
        expect(child(kwd, Tag.WrappingMethod)).toMatchObject({ value: WrappingMethod.MACSignThenEncrypt });
        const ct = bytes(kb, Tag.KeyValue);
        const mac = bytes(kwd, Tag.MACSignature);
        const encoded = aesKwUnwrap(kekBytes, ct);
        expect(materialOfEncoded(encoded)).toEqual(plain);
        expect(mac).toEqual(hmac256(macBytes, encoded));
        // Not the Encrypt then MAC/sign layout (a MAC over the ciphertext).
        expect(mac).not.toEqual(hmac256(macBytes, ct));

        // No Encoding: both steps cover the Key Material bytes alone.
        const raw = await getWrapped(
          k,
          keyId,
          spec(WrappingMethod.MACSignThenEncrypt, kekId, macId, EncodingOption.NoEncoding),
        );
        expect(aesKwUnwrap(kekBytes, bytes(raw, Tag.KeyValue))).toEqual(plain);
        expect(bytes(struct(raw, Tag.KeyWrappingData), Tag.MACSignature)).toEqual(hmac256(macBytes, plain));

        // Register round-trips, as returned and as built by a client with node:crypto alone.
        await registersAs(k, kb, plain);
        await registersAs(k, raw, plain);
        const other = randomBytes(32);
        const otherEncoded = encodeTtlv(ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, other)]));
        const clientBuilt = withMac(
          withKeyValue(kb, aesKwWrap(kekBytes, otherEncoded)),
          hmac256(macBytes, otherEncoded),
        );
        await registersAs(k, clientBuilt, other);

        // Tampering: Cryptographic Failure, nothing stored.
        const flipped = Buffer.from(ct);
        flipped[9] = (flipped[9] ?? 0) ^ 0x40;
        await refused(k, withKeyValue(kb, flipped), ResultReason.CryptographicFailure);
        const badMac = Buffer.from(mac);
        badMac[0] = (badMac[0] ?? 0) ^ 1;
        await refused(k, withMac(kb, badMac), ResultReason.CryptographicFailure);
        // A ciphertext that decrypts (another key under the same KEK) but does not match the MAC.
        await refused(k, withKeyValue(kb, aesKwWrap(kekBytes, otherEncoded)), ResultReason.CryptographicFailure);
        // The same bytes labelled Encrypt then MAC/sign do not verify (the MAC is over the plaintext).
        await refused(k, withMethod(kb, WrappingMethod.EncryptThenMACSign), ResultReason.CryptographicFailure);
      });

      it("AES wrapping key + RSA signing key: PSS signature over the encoded Key Value, verified on Register", async () => {
        const k = clientFor(name);
        const kekBytes = randomBytes(16);
        const [kekId, pair] = await Promise.all([kek(kekBytes), signingPair()]);
        const keyId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
        const keyMaterial = Buffer.from((await c.get(keyId)).material);

        const kb = await getWrapped(k, keyId, spec(WrappingMethod.MACSignThenEncrypt, kekId, pair.privId));
        const kwd = struct(kb, Tag.KeyWrappingData);
        expect(idOf(struct(kwd, Tag.MACSignatureKeyInformation))).toBe(pair.privId);
        const ct = bytes(kb, Tag.KeyValue);
        const sig = bytes(kwd, Tag.MACSignature);
        expect(sig).toHaveLength(256);
        const encoded = aesKwUnwrap(kekBytes, ct);
        expect(materialOfEncoded(encoded)).toEqual(keyMaterial);
        expect(pssVerify(pair.pub, encoded, sig)).toBe(true);
        expect(pssVerify(pair.pub, ct, sig)).toBe(false);

        // Register as returned (the Private Key is followed to its Public Key), or naming the Public Key.
        await registersAs(k, kb, keyMaterial);
        await registersAs(k, withMacKeyId(kb, pair.pubId), keyMaterial);

        const badSig = Buffer.from(sig);
        badSig[100] = (badSig[100] ?? 0) ^ 1;
        await refused(k, withMac(kb, badSig), ResultReason.CryptographicFailure);
        const flipped = Buffer.from(ct);
        flipped[0] = (flipped[0] ?? 0) ^ 1;
        await refused(k, withKeyValue(kb, flipped), ResultReason.CryptographicFailure);
        // Signed by another key pair.
        const stranger = await signingPair();
        await refused(k, withMacKeyId(kb, stranger.pubId), ResultReason.CryptographicFailure);

        // A Sensitive key may be returned this way (the method encrypts), and not MAC/signed alone.
        const sensitive = await c.create({
          algorithm: CryptographicAlgorithm.AES,
          length: 128,
          attributes: [{ name: "Sensitive", value: ttlv.bool(Tag.Sensitive, true) }],
        });
        const sensitiveKb = await getWrapped(k, sensitive, spec(WrappingMethod.MACSignThenEncrypt, kekId, pair.privId));
        const sensitiveEncoded = aesKwUnwrap(kekBytes, bytes(sensitiveKb, Tag.KeyValue));
        expect(materialOfEncoded(sensitiveEncoded)).toHaveLength(16);
        expect(
          pssVerify(pair.pub, sensitiveEncoded, bytes(struct(sensitiveKb, Tag.KeyWrappingData), Tag.MACSignature)),
        ).toBe(true);
        expect(await reasonOf(() => getWrapped(k, sensitive, spec(WrappingMethod.MACSign, kekId, pair.privId)))).toBe(
          ResultReason.Sensitive,
        );
      });

      it("wrong Cryptographic Usage Masks give the errors Encrypt then MAC/sign gives", async () => {
        const k = clientFor(name);
        const usageReason =
          name === "KMIP 1.4" ? ResultReason.PermissionDenied : ResultReason.IncompatibleCryptographicUsageMask;
        const kekBytes = randomBytes(32);
        const macBytes = randomBytes(32);
        const [kekId, macId, encryptOnly, verifyOnly, wrapOnly, generateOnly] = await Promise.all([
          kek(kekBytes),
          hmacKey(macBytes),
          kek(kekBytes, U.Encrypt | U.UnwrapKey),
          hmacKey(macBytes, U.MACVerify),
          kek(kekBytes, U.WrapKey),
          hmacKey(macBytes, U.MACGenerate),
        ]);
        const pair = await signingPair(U.Verify, U.Verify);
        const keyId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
        const both = [WrappingMethod.EncryptThenMACSign, WrappingMethod.MACSignThenEncrypt];

        // Get: the wrapping key needs Wrap Key; the MAC key MAC Generate; the signing key Sign.
        for (const method of both) {
          expect(await reasonOf(() => getWrapped(k, keyId, spec(method, encryptOnly, macId)))).toBe(usageReason);
          expect(await reasonOf(() => getWrapped(k, keyId, spec(method, kekId, verifyOnly)))).toBe(usageReason);
          expect(await reasonOf(() => getWrapped(k, keyId, spec(method, kekId, pair.privId)))).toBe(usageReason);
        }

        // Register: the unwrapping key needs Unwrap Key; the MAC key MAC Verify.
        for (const method of both) {
          const kb = await getWrapped(c, keyId, spec(method, kekId, macId));
          const retarget = (encId: string, macKeyId: string) =>
            withWrappingData(kb, (y) =>
              y.tag === Tag.EncryptionKeyInformation
                ? ttlv.struct(y.tag, [ttlv.text(Tag.UniqueIdentifier, encId)])
                : y.tag === Tag.MACSignatureKeyInformation
                  ? ttlv.struct(y.tag, [ttlv.text(Tag.UniqueIdentifier, macKeyId)])
                  : y,
            );
          await refused(k, retarget(wrapOnly, macId), usageReason);
          await refused(k, retarget(kekId, generateOnly), usageReason);
          await registersAs(k, retarget(kekId, macId), Buffer.from((await c.get(keyId)).material));
        }
      });
    });
  }
});
