import {
  constants,
  createDecipheriv,
  createHmac,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
} from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { decodeAttributes2, encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import { encodeTtlv } from "../../src/ttlv/encode.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  EncodingOption,
  HashingAlgorithm,
  KeyFormatType,
  KeyWrapType,
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
import { openssl, params, reasonOf } from "./crypto-support.js";
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

const v14 = { major: 1, minor: 4 };
const KWP_IV = Buffer.from("A65959A6", "hex");
const kwMode = (mode: number) => [ttlv.enum(Tag.BlockCipherMode, mode)];
const flagAttr = (name: "Sensitive" | "Extractable", tag: number, v: boolean): Attr => ({
  name,
  value: ttlv.bool(tag, v),
});

function spec(method: number, enc?: TtlvItem, mac?: TtlvItem, encoding?: number): TtlvItem {
  const v: TtlvItem[] = [ttlv.enum(Tag.WrappingMethod, method)];
  if (enc !== undefined) v.push(enc);
  if (mac !== undefined) v.push(mac);
  if (encoding !== undefined) v.push(ttlv.enum(Tag.EncodingOption, encoding));
  return ttlv.struct(Tag.KeyWrappingSpecification, v);
}
function keyInfo(tag: number, id: string, p?: TtlvItem[]): TtlvItem {
  return ttlv.struct(tag, [ttlv.text(Tag.UniqueIdentifier, id), ...(p === undefined ? [] : [params(p)])]);
}
const encInfo = (id: string, p?: TtlvItem[]) => keyInfo(Tag.EncryptionKeyInformation, id, p);
const macInfo = (id: string, p?: TtlvItem[]) => keyInfo(Tag.MACSignatureKeyInformation, id, p);

describe("key wrapping on Get and Register, Export and Import", () => {
  let h: Harness;
  let h2: Harness;
  let c: KmipClient;
  let c14: KmipClient;

  async function aes(
    client: KmipClient,
    material: Uint8Array,
    usageMask: number,
    attributes: Attr[] = [active()],
  ): Promise<string> {
    return client.register({
      objectType: ObjectType.SymmetricKey,
      material,
      algorithm: CryptographicAlgorithm.AES,
      length: material.length * 8,
      usageMask,
      attributes,
    });
  }
  const kek = (client: KmipClient, material: Uint8Array, usage: number, mode: number = BlockCipherMode.NISTKeyWrap) =>
    aes(client, material, usage, [active(), cryptoParams(kwMode(mode))]);
  const getWith = (client: KmipClient, id: string, items: TtlvItem[]) =>
    client.call(Operation.Get, [ttlv.text(Tag.UniqueIdentifier, id), ...items]);

  beforeAll(async () => {
    [h, h2] = await Promise.all([startHarness(), startHarness()]);
    c = await h.client();
    c14 = await h.client("admin", v14);
  });
  afterAll(async () => {
    await Promise.all([h.stop(), h2.stop()]);
  });

  it("AES Key Wrap (RFC 3394) on Get: node:crypto id-aes256-wrap unwraps what the plain Get returns", async () => {
    const kekBytes = randomBytes(32);
    const kekId = await kek(c, kekBytes, U.WrapKey);
    const keyId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256, usageMask: U.Encrypt });
    const plain = await c.get(keyId);
    expect(plain.material.length).toBe(32);

    // No Encoding: the Key Material bytes are wrapped.
    const r = await getWith(c, keyId, [
      spec(
        WrappingMethod.Encrypt,
        encInfo(kekId, kwMode(BlockCipherMode.NISTKeyWrap)),
        undefined,
        EncodingOption.NoEncoding,
      ),
    ]);
    const kb = keyBlockOf(r);
    const wrapped = bytes(kb, Tag.KeyValue);
    expect(wrapped.length).toBe(40);
    const d = createDecipheriv("id-aes256-wrap", kekBytes, KW_IV);
    expect(Buffer.concat([d.update(wrapped), d.final()])).toEqual(Buffer.from(plain.material));
    const kwd = struct(kb, Tag.KeyWrappingData);
    expect(child(kwd, Tag.WrappingMethod)).toMatchObject({ value: WrappingMethod.Encrypt });
    expect(struct(struct(kwd, Tag.EncryptionKeyInformation), Tag.CryptographicParameters).value).toHaveLength(1);
    expect(child(kwd, Tag.EncodingOption)).toMatchObject({ value: EncodingOption.NoEncoding });
    expect(child(kb, Tag.CryptographicLength)).toMatchObject({ value: 256 });

    // Default (TTLV Encoding): the TTLV-encoded Key Value structure is wrapped; openssl enc agrees.
    const r2 = await getWith(c, keyId, [spec(WrappingMethod.Encrypt, encInfo(kekId))]);
    const wrapped2 = bytes(keyBlockOf(r2), Tag.KeyValue);
    const unwrapped = openssl(
      (dir) => [
        "enc",
        "-d",
        "-id-aes256-wrap",
        "-K",
        kekBytes.toString("hex"),
        "-iv",
        "A6A6A6A6A6A6A6A6",
        "-in",
        `${dir}/w`,
      ],
      { w: wrapped2 },
    );
    expect(materialOfEncoded(unwrapped)).toEqual(Buffer.from(plain.material));
    expect(struct(keyBlockOf(r2), Tag.KeyWrappingData).value.some((x) => x.tag === Tag.EncodingOption)).toBe(false);
  });

  it("Register of a wrapped key: the RFC 3394 §4.6 vector unwraps to its key data", async () => {
    const kekBytes = Buffer.from("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "hex");
    const kekId = await kek(c, kekBytes, U.UnwrapKey);
    const wrapped = Buffer.from(
      "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21",
      "hex",
    );
    const keyData = Buffer.from("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F", "hex");
    const registerWrapped = (w: Uint8Array, kid = kekId) =>
      c.call(Operation.Register, [
        ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        ...c.encodeAttributes([attr.usageMask(U.Encrypt | U.Decrypt)]),
        ttlv.struct(Tag.SymmetricKey, [
          ttlv.struct(Tag.KeyBlock, [
            ttlv.enum(Tag.KeyFormatType, KeyFormatType.Raw),
            ttlv.bytes(Tag.KeyValue, w),
            ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
            ttlv.int(Tag.CryptographicLength, 256),
            ttlv.struct(Tag.KeyWrappingData, [
              ttlv.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
              encInfo(kid, kwMode(BlockCipherMode.NISTKeyWrap)),
              ttlv.enum(Tag.EncodingOption, EncodingOption.NoEncoding),
            ]),
          ]),
        ]),
      ]);
    const r = await registerWrapped(wrapped);
    const id = child(r, Tag.UniqueIdentifier);
    if (id.type !== 7) throw new Error("no id");
    const got = await c.get(id.value);
    expect(Buffer.from(got.material)).toEqual(keyData);

    // Corrupted data or a wrong KEK: Cryptographic Failure.
    const bad = Buffer.from(wrapped);
    bad[5] = (bad[5] ?? 0) ^ 1;
    expect(await reasonOf(() => registerWrapped(bad))).toBe(ResultReason.CryptographicFailure);
    const otherKek = await kek(c, randomBytes(32), U.UnwrapKey);
    expect(await reasonOf(() => registerWrapped(wrapped, otherKek))).toBe(ResultReason.CryptographicFailure);
    // A KEK without Unwrap Key usage is refused.
    const wrapOnly = await kek(c, kekBytes, U.WrapKey);
    expect(await reasonOf(() => registerWrapped(wrapped, wrapOnly))).toBe(
      ResultReason.IncompatibleCryptographicUsageMask,
    );
  });

  it("AES Key Wrap with Padding (RFC 5649): odd-length Secret Data, and the RFC 5649 §6 vector through Register", async () => {
    const kekBytes = randomBytes(32);
    const kekId = await kek(c, kekBytes, U.WrapKey, BlockCipherMode.AESKeyWrapPadding);
    const secret = randomBytes(21);
    const sid = await c.register({ objectType: ObjectType.SecretData, material: secret, attributes: [active()] });
    const r = await getWith(c, sid, [
      spec(
        WrappingMethod.Encrypt,
        encInfo(kekId, kwMode(BlockCipherMode.AESKeyWrapPadding)),
        undefined,
        EncodingOption.NoEncoding,
      ),
    ]);
    const wrapped = bytes(keyBlockOf(r), Tag.KeyValue);
    expect(wrapped.length).toBe(32);
    const d = createDecipheriv("id-aes256-wrap-pad", kekBytes, KWP_IV);
    expect(Buffer.concat([d.update(wrapped), d.final()])).toEqual(secret);
    // RFC 3394 without padding cannot wrap 21 bytes: the KEK's parameters do not match the request.
    expect(
      await reasonOf(() =>
        getWith(c, sid, [
          spec(
            WrappingMethod.Encrypt,
            encInfo(kekId, kwMode(BlockCipherMode.NISTKeyWrap)),
            undefined,
            EncodingOption.NoEncoding,
          ),
        ]),
      ),
    ).toBe(ResultReason.BadCryptographicParameters);

    // RFC 5649 §6, 192-bit KEK, 20 octets of key data.
    const vKek = Buffer.from("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8", "hex");
    const vId = await kek(c, vKek, U.UnwrapKey, BlockCipherMode.AESKeyWrapPadding);
    const reg = await c.call(Operation.Register, [
      ttlv.enum(Tag.ObjectType, ObjectType.SecretData),
      ttlv.struct(Tag.SecretData, [
        ttlv.enum(Tag.SecretDataType, 1),
        ttlv.struct(Tag.KeyBlock, [
          ttlv.enum(Tag.KeyFormatType, KeyFormatType.Opaque),
          ttlv.bytes(
            Tag.KeyValue,
            Buffer.from("138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a", "hex"),
          ),
          ttlv.struct(Tag.KeyWrappingData, [
            ttlv.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
            encInfo(vId),
            ttlv.enum(Tag.EncodingOption, EncodingOption.NoEncoding),
          ]),
        ]),
      ]),
    ]);
    const id = child(reg, Tag.UniqueIdentifier);
    if (id.type !== 7) throw new Error("no id");
    expect(Buffer.from((await c.get(id.value)).material).toString("hex")).toBe(
      "c37b7e6492584340bed12207808941155068f738",
    );
  });

  it("RSA-OAEP wrapping with a public key: node:crypto privateDecrypt and openssl pkeyutl unwrap it; Register unwraps with the private key", async () => {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const oaep256 = [
      ttlv.enum(Tag.PaddingMethod, PaddingMethod.OAEP),
      ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256),
    ];
    const registerHalf = async (objectType: number, der: Buffer, usage: number) => {
      const isPrivate = objectType === ObjectType.PrivateKey;
      const p = await c.call(Operation.Register, [
        ttlv.enum(Tag.ObjectType, objectType),
        ...c.encodeAttributes([attr.usageMask(usage), active(), cryptoParams(oaep256)]),
        ttlv.struct(isPrivate ? Tag.PrivateKey : Tag.PublicKey, [
          ttlv.struct(Tag.KeyBlock, [
            ttlv.enum(Tag.KeyFormatType, isPrivate ? KeyFormatType.PKCS_8 : KeyFormatType.X_509),
            ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, der)]),
            ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
            ttlv.int(Tag.CryptographicLength, 2048),
          ]),
        ]),
      ]);
      const id = child(p, Tag.UniqueIdentifier);
      if (id.type !== 7) throw new Error("no id");
      return id.value;
    };
    const pubId = await registerHalf(
      ObjectType.PublicKey,
      pair.publicKey.export({ format: "der", type: "spki" }),
      U.WrapKey,
    );
    const keyId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
    const plain = Buffer.from((await c.get(keyId)).material);
    const r = await getWith(c, keyId, [spec(WrappingMethod.Encrypt, encInfo(pubId))]);
    const wrapped = bytes(keyBlockOf(r), Tag.KeyValue);
    expect(wrapped.length).toBe(256);
    const out = privateDecrypt(
      { key: pair.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" },
      wrapped,
    );
    expect(materialOfEncoded(out)).toEqual(plain);
    const viaOpenssl = openssl(
      (dir) => [
        "pkeyutl",
        "-decrypt",
        "-inkey",
        `${dir}/k.pem`,
        "-pkeyopt",
        "rsa_padding_mode:oaep",
        "-pkeyopt",
        "rsa_oaep_md:sha256",
        "-in",
        `${dir}/w`,
      ],
      { "k.pem": pair.privateKey.export({ format: "pem", type: "pkcs8" }), w: wrapped },
    );
    expect(materialOfEncoded(viaOpenssl)).toEqual(plain);

    // The other way: a client wraps with the public key; custos unwraps with the registered private key.
    const privId = await registerHalf(
      ObjectType.PrivateKey,
      pair.privateKey.export({ format: "der", type: "pkcs8" }),
      U.UnwrapKey,
    );
    const secret = randomBytes(32);
    const encoded = encodeTtlv(ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, secret)]));
    const clientWrapped = publicEncrypt(
      { key: pair.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" },
      encoded,
    );
    const reg = await c.call(Operation.Register, [
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ttlv.struct(Tag.SymmetricKey, [
        ttlv.struct(Tag.KeyBlock, [
          ttlv.enum(Tag.KeyFormatType, KeyFormatType.Raw),
          ttlv.bytes(Tag.KeyValue, clientWrapped),
          ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
          ttlv.int(Tag.CryptographicLength, 256),
          ttlv.struct(Tag.KeyWrappingData, [ttlv.enum(Tag.WrappingMethod, WrappingMethod.Encrypt), encInfo(privId)]),
        ]),
      ]),
    ]);
    const id = child(reg, Tag.UniqueIdentifier);
    if (id.type !== 7) throw new Error("no id");
    expect(Buffer.from((await c.get(id.value)).material)).toEqual(secret);
  });

  it("a key pair made by Create Key Pair: wrap with the public key, Register unwraps by following its Private Key Link", async () => {
    const oaep = cryptoParams([
      ttlv.enum(Tag.PaddingMethod, PaddingMethod.OAEP),
      ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_1),
    ]);
    const box = (tag: number, attrs: Attr[]) => ttlv.struct(tag, attrs.map(encodeAttribute2));
    const made = await c.call(Operation.CreateKeyPair, [
      box(Tag.CommonAttributes, [attr.algorithm(CryptographicAlgorithm.RSA), attr.length(2048), active(), oaep]),
      box(Tag.PrivateKeyAttributes, [attr.usageMask(U.UnwrapKey)]),
      box(Tag.PublicKeyAttributes, [attr.usageMask(U.WrapKey)]),
    ]);
    const pubId = child(made, Tag.PublicKeyUniqueIdentifier);
    if (pubId.type !== 7) throw new Error("no id");
    const keyId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 192 });
    const plain = Buffer.from((await c.get(keyId)).material);
    const w = await getWith(c, keyId, [spec(WrappingMethod.Encrypt, encInfo(pubId.value))]);
    const back = child(
      await c.call(Operation.Register, [
        ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        ttlv.struct(Tag.SymmetricKey, [keyBlockOf(w)]),
      ]),
      Tag.UniqueIdentifier,
    );
    if (back.type !== 7) throw new Error("no id");
    expect(Buffer.from((await c.get(back.value)).material)).toEqual(plain);
  });

  it("MAC/sign and Encrypt then MAC/sign: HMAC-SHA256 over the encoded or the wrapped Key Value, verified on Register", async () => {
    const macKey = randomBytes(32);
    const macId = await c.register({
      objectType: ObjectType.SymmetricKey,
      material: macKey,
      algorithm: CryptographicAlgorithm.HMAC_SHA256,
      length: 256,
      usageMask: U.MACGenerate | U.MACVerify,
      attributes: [active(), cryptoParams([ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)])],
    });
    const kekBytes = randomBytes(16);
    const kekId = await kek(c, kekBytes, U.WrapKey | U.UnwrapKey);
    const keyId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
    const plain = Buffer.from((await c.get(keyId)).material);

    const m = await getWith(c, keyId, [spec(WrappingMethod.MACSign, undefined, macInfo(macId))]);
    const mkb = keyBlockOf(m);
    const clear = bytes(mkb, Tag.KeyValue);
    expect(materialOfEncoded(clear)).toEqual(plain);
    const mac = bytes(struct(mkb, Tag.KeyWrappingData), Tag.MACSignature);
    expect(mac).toEqual(createHmac("sha256", macKey).update(clear).digest());

    const em = await getWith(c, keyId, [spec(WrappingMethod.EncryptThenMACSign, encInfo(kekId), macInfo(macId))]);
    const ekb = keyBlockOf(em);
    const ct = bytes(ekb, Tag.KeyValue);
    const emac = bytes(struct(ekb, Tag.KeyWrappingData), Tag.MACSignature);
    expect(emac).toEqual(createHmac("sha256", macKey).update(ct).digest());
    const d = createDecipheriv("id-aes128-wrap", kekBytes, KW_IV);
    expect(materialOfEncoded(Buffer.concat([d.update(ct), d.final()]))).toEqual(plain);

    // The Key Block as returned registers back; a changed MAC is a Cryptographic Failure.
    const registerBlock = (kb: StructureItem) =>
      c.call(Operation.Register, [
        ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        ttlv.struct(Tag.SymmetricKey, [kb]),
      ]);
    const back = child(await registerBlock(ekb), Tag.UniqueIdentifier);
    if (back.type !== 7) throw new Error("no id");
    expect(Buffer.from((await c.get(back.value)).material)).toEqual(plain);
    const tampered = ttlv.struct(
      Tag.KeyBlock,
      ekb.value.map((x) =>
        x.tag === Tag.KeyWrappingData && x.type === 1
          ? ttlv.struct(
              Tag.KeyWrappingData,
              x.value.map((y) => (y.tag === Tag.MACSignature ? ttlv.bytes(Tag.MACSignature, randomBytes(32)) : y)),
            )
          : x,
      ),
    );
    expect(await reasonOf(() => registerBlock(tampered))).toBe(ResultReason.CryptographicFailure);
    // TR-31 is not implemented (MAC/sign then encrypt: key-wrap-mac-then-encrypt.test.ts).
    expect(await reasonOf(() => getWith(c, keyId, [spec(WrappingMethod.TR_31, encInfo(kekId), macInfo(macId))]))).toBe(
      ResultReason.FeatureNotSupported,
    );
  });

  it("wrapping key errors in KMIP 2.1 and 1.4, Sensitive and Extractable", async () => {
    const keyId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
    const encryptOnly = await kek(c, randomBytes(32), U.Encrypt);
    const preActive = await aes(c, randomBytes(32), U.WrapKey, [cryptoParams(kwMode(BlockCipherMode.NISTKeyWrap))]);
    const secretData = await c.register({ objectType: ObjectType.SecretData, material: randomBytes(16) });
    const missing = "00000000-0000-0000-0000-000000000000";
    const wrapWith = (client: KmipClient, kid: string) =>
      getWith(client, keyId, [spec(WrappingMethod.Encrypt, encInfo(kid))]);

    expect(await reasonOf(() => wrapWith(c, encryptOnly))).toBe(ResultReason.IncompatibleCryptographicUsageMask);
    expect(await reasonOf(() => wrapWith(c, preActive))).toBe(ResultReason.WrongKeyLifecycleState);
    expect(await reasonOf(() => wrapWith(c, missing))).toBe(ResultReason.WrappingObjectNotFound);
    expect(await reasonOf(() => wrapWith(c, secretData))).toBe(ResultReason.InvalidObjectType);
    // KMIP 1.4 §11.12 Get: Item Not Found, Illegal Operation, Permission Denied.
    expect(await reasonOf(() => wrapWith(c14, encryptOnly))).toBe(ResultReason.PermissionDenied);
    expect(await reasonOf(() => wrapWith(c14, preActive))).toBe(ResultReason.PermissionDenied);
    expect(await reasonOf(() => wrapWith(c14, missing))).toBe(ResultReason.ItemNotFound);
    expect(await reasonOf(() => wrapWith(c14, secretData))).toBe(ResultReason.IllegalOperation);
    // A KEK owned by someone else cannot be used by another user.
    const user = await h.client("user");
    const userKey = await user.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
    const adminKek = await kek(c, randomBytes(32), U.WrapKey);
    expect(await reasonOf(() => getWith(user, userKey, [spec(WrappingMethod.Encrypt, encInfo(adminKek))]))).toBe(
      ResultReason.PermissionDenied,
    );

    const kekBytes = randomBytes(32);
    const kekId = await kek(c, kekBytes, U.WrapKey);
    const sensitive = await c.create({
      algorithm: CryptographicAlgorithm.AES,
      length: 256,
      attributes: [flagAttr("Sensitive", Tag.Sensitive, true)],
    });
    expect(await reasonOf(() => c.get(sensitive))).toBe(ResultReason.Sensitive);
    const w = await getWith(c, sensitive, [spec(WrappingMethod.Encrypt, encInfo(kekId))]);
    const d = createDecipheriv("id-aes256-wrap", kekBytes, KW_IV);
    expect(materialOfEncoded(Buffer.concat([d.update(bytes(keyBlockOf(w), Tag.KeyValue)), d.final()]))).toHaveLength(
      32,
    );
    const macId = await c.register({
      objectType: ObjectType.SymmetricKey,
      material: randomBytes(32),
      algorithm: CryptographicAlgorithm.HMAC_SHA256,
      length: 256,
      usageMask: U.MACGenerate,
      attributes: [active(), cryptoParams([ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)])],
    });
    expect(await reasonOf(() => getWith(c, sensitive, [spec(WrappingMethod.MACSign, undefined, macInfo(macId))]))).toBe(
      ResultReason.Sensitive,
    );

    const fixed = await c.create({
      algorithm: CryptographicAlgorithm.AES,
      length: 256,
      attributes: [flagAttr("Extractable", Tag.Extractable, false)],
    });
    expect(await reasonOf(() => c.get(fixed))).toBe(ResultReason.NotExtractable);
    expect(await reasonOf(() => getWith(c, fixed, [spec(WrappingMethod.Encrypt, encInfo(kekId))]))).toBe(
      ResultReason.NotExtractable,
    );
  });

  it("Export wrapped from one server, Import into another (Not Wrapped and As Registered, Replace Existing)", async () => {
    const kekBytes = randomBytes(32);
    const c2 = await h2.client();
    const kek1 = await kek(c, kekBytes, U.WrapKey);
    const kek2 = await kek(c2, kekBytes, U.UnwrapKey);
    const keyId = await c.create({
      algorithm: CryptographicAlgorithm.AES,
      length: 256,
      usageMask: U.Encrypt | U.Decrypt,
      name: `exported-${randomBytes(4).toString("hex")}`,
    });
    const plain = Buffer.from((await c.get(keyId)).material);
    const ex = await c.call(Operation.Export, [
      ttlv.text(Tag.UniqueIdentifier, keyId),
      spec(WrappingMethod.Encrypt, encInfo(kek1)),
    ]);
    expect(child(ex, Tag.ObjectType)).toMatchObject({ value: ObjectType.SymmetricKey });
    const exported = decodeAttributes2(child(ex, Tag.Attributes));
    expect(exported.find((a) => a.name === "Name")).toBeDefined();
    const object = ex.value[ex.value.length - 1];
    if (object?.type !== 1) throw new Error("no object");
    expect(struct(object, Tag.KeyBlock).value.some((x) => x.tag === Tag.KeyWrappingData)).toBe(true);
    // The KEK's identifier differs on the second server: point the Key Wrapping Data at it.
    const retarget = (o: StructureItem): StructureItem =>
      ttlv.struct(
        o.tag,
        o.value.map((x) =>
          x.tag === Tag.KeyBlock && x.type === 1
            ? ttlv.struct(
                Tag.KeyBlock,
                x.value.map((y) =>
                  y.tag === Tag.KeyWrappingData
                    ? ttlv.struct(Tag.KeyWrappingData, [
                        ttlv.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
                        encInfo(kek2),
                      ])
                    : y,
                ),
              )
            : x,
        ),
      );
    const importItems = (wrapType: number, replace?: boolean): TtlvItem[] => [
      ttlv.text(Tag.UniqueIdentifier, keyId),
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ...(replace === undefined ? [] : [ttlv.bool(Tag.ReplaceExisting, replace)]),
      ttlv.enum(Tag.KeyWrapType, wrapType),
      child(ex, Tag.Attributes),
      retarget(object),
    ];
    const imp = await c2.call(Operation.Import, importItems(KeyWrapType.NotWrapped));
    expect(child(imp, Tag.UniqueIdentifier)).toMatchObject({ value: keyId });
    const got = await c2.get(keyId);
    expect(Buffer.from(got.material)).toEqual(plain);
    const attrs2 = await c2.getAttributes(keyId, ["Name", "Initial Date", "State"]);
    const attrs1 = await c.getAttributes(keyId, ["Name", "Initial Date", "State"]);
    expect(attrs2.map((a) => encodeTtlv(a.value))).toEqual(attrs1.map((a) => encodeTtlv(a.value)));

    expect(await reasonOf(() => c2.call(Operation.Import, importItems(KeyWrapType.NotWrapped)))).toBe(
      ResultReason.ObjectAlreadyExists,
    );
    // As Registered: stored wrapped; Get returns it wrapped, or unwrapped with Key Wrap Type Not Wrapped.
    await c2.call(Operation.Import, importItems(KeyWrapType.AsRegistered, true));
    const asStored = await getWith(c2, keyId, []);
    expect(keyBlockOf(asStored).value.some((x) => x.tag === Tag.KeyWrappingData)).toBe(true);
    const unwrapped = await getWith(c2, keyId, [ttlv.enum(Tag.KeyWrapType, KeyWrapType.NotWrapped)]);
    expect(bytes(struct(keyBlockOf(unwrapped), Tag.KeyValue), Tag.KeyMaterial)).toEqual(plain);
    expect((await h.custos.store.listAudit({ objectId: keyId })).map((e) => e.action)).toContain("kmip.Export");
    const imports = (await h2.custos.store.listAudit({ objectId: keyId })).filter((e) => e.action === "kmip.Import");
    expect(imports).toHaveLength(2);
  });
});
