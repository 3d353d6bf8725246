import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { opt, req } from "../../src/kmip/read.js";
import { MAX_DATA_BYTES } from "../../src/kms/crypto/limits.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  KeyFormatType,
  ObjectType,
  Operation,
  PaddingMethod,
  ResultReason,
  ResultStatus,
  ValidityIndicator,
} from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type KmsHarness, openKmsHarness } from "../support/kms-harness.js";
import { request } from "../support/request-message.js";

const gcm = ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]);
const init = ttlv.bool(Tag.InitIndicator, true);
const final = ttlv.bool(Tag.FinalIndicator, true);
const data = (d: Uint8Array) => ttlv.bytes(Tag.Data, d);
const uid = (id: string) => ttlv.text(Tag.UniqueIdentifier, id);
const corr = (c: Uint8Array) => ttlv.bytes(Tag.CorrelationValue, c);

/**
 * A final part that lacks an input it needs (Decrypt in an AEAD mode: the Authenticated
 * Encryption Tag, KMIP 2.1 §6.1.11; MAC Verify: MAC Data, §6.1.33) is refused before it touches
 * its stream (so is one that would end an unpadded block mode inside a block): the stream is
 * neither fed nor closed, and the client can send the part again.
 */
describe("a multi-part final part refused for a missing or malformed input leaves its stream open", () => {
  let h: KmsHarness;

  beforeEach(async () => {
    h = await openKmsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const answer = (operation: number, payload: TtlvItem[]) => h.answer(request(operation, payload));
  const call = (operation: number, payload: TtlvItem[]) => h.call(operation, payload);

  async function refusedWith(reason: number, operation: number, payload: TtlvItem[]): Promise<void> {
    const item = await answer(operation, payload);
    expect(req.enum(item, Tag.ResultStatus)).toBe(ResultStatus.OperationFailed);
    expect(opt.enum(item, Tag.ResultReason), opt.text(item, Tag.ResultMessage)).toBe(reason);
  }

  const registerSymmetric = (key: Uint8Array, algorithm: number, usageMask: number) =>
    h.register(ObjectType.SymmetricKey, KeyFormatType.Raw, key, algorithm, key.length * 8, usageMask);

  it("AES-GCM Decrypt: a final part without the tag (Missing Data) or with a tag of the wrong length (Cryptographic Failure), then the right one", async () => {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const plain = randomBytes(70);
    const e = createCipheriv("aes-256-gcm", key, iv);
    const ct = Buffer.concat([e.update(plain), e.final()]);
    const tag = e.getAuthTag();
    const id = await registerSymmetric(key, CryptographicAlgorithm.AES, U.Decrypt);

    const first = await call(Operation.Decrypt, [
      uid(id),
      gcm,
      ttlv.bytes(Tag.IVCounterNonce, iv),
      data(ct.subarray(0, 30)),
      init,
    ]);
    const stream = req.bytes(first, Tag.CorrelationValue);
    const last = ct.subarray(30);
    await refusedWith(ResultReason.MissingData, Operation.Decrypt, [data(last), corr(stream), final]);
    await refusedWith(ResultReason.CryptographicFailure, Operation.Decrypt, [
      data(last),
      corr(stream),
      final,
      ttlv.bytes(Tag.AuthenticatedEncryptionTag, tag.subarray(0, 12)),
    ]);
    expect(h.sessions.size).toBe(1);
    const end = await call(Operation.Decrypt, [
      data(last),
      corr(stream),
      final,
      ttlv.bytes(Tag.AuthenticatedEncryptionTag, tag),
    ]);
    const got = Buffer.concat([req.bytes(first, Tag.Data), req.bytes(end, Tag.Data)]);
    expect(got.toString("hex")).toBe(plain.toString("hex"));
    expect(h.sessions.size).toBe(0);
  });

  it("HMAC-SHA256 MAC Verify: a final part without MAC Data (Missing Data), then the right one", async () => {
    const key = randomBytes(32);
    const [a, b] = [randomBytes(40), randomBytes(24)];
    const id = await registerSymmetric(key, CryptographicAlgorithm.HMAC_SHA256, U.MACVerify);

    const stream = req.bytes(await call(Operation.MACVerify, [uid(id), data(a), init]), Tag.CorrelationValue);
    await refusedWith(ResultReason.MissingData, Operation.MACVerify, [data(b), corr(stream), final]);
    expect(h.sessions.size).toBe(1);
    // Had the refused part fed its data, the MAC would now cover a, b, b.
    const mac = createHmac("sha256", key).update(a).update(b).digest();
    const end = await call(Operation.MACVerify, [data(b), corr(stream), final, ttlv.bytes(Tag.MACData, mac)]);
    expect(req.enum(end, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);
    expect(h.sessions.size).toBe(0);
  });

  it("AES-CBC without padding: a final part that would end inside a block (Invalid Field), then the right one", async () => {
    const key = randomBytes(32);
    const iv = randomBytes(16);
    const plain = randomBytes(48);
    const id = await registerSymmetric(key, CryptographicAlgorithm.AES, U.Encrypt);
    const cbc = ttlv.struct(Tag.CryptographicParameters, [
      ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC),
      ttlv.enum(Tag.PaddingMethod, PaddingMethod.None),
    ]);

    const first = await call(Operation.Encrypt, [
      uid(id),
      cbc,
      ttlv.bytes(Tag.IVCounterNonce, iv),
      data(plain.subarray(0, 20)),
      init,
    ]);
    const stream = req.bytes(first, Tag.CorrelationValue);
    // 20 + 5 bytes is not a whole number of blocks.
    await refusedWith(ResultReason.InvalidField, Operation.Encrypt, [
      data(plain.subarray(20, 25)),
      corr(stream),
      final,
    ]);
    expect(h.sessions.size).toBe(1);
    const end = await call(Operation.Encrypt, [data(plain.subarray(20)), corr(stream), final]);
    const e = createCipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
    const expected = Buffer.concat([e.update(plain), e.final()]);
    const got = Buffer.concat([req.bytes(first, Tag.Data), req.bytes(end, Tag.Data)]);
    expect(got.toString("hex")).toBe(expected.toString("hex"));
    expect(h.sessions.size).toBe(0);
  });

  it("AES-GCM Decrypt with the tag on the initial part, as the spec says; given again it must be the same", async () => {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const plain = randomBytes(70);
    const e = createCipheriv("aes-256-gcm", key, iv);
    const ct = Buffer.concat([e.update(plain), e.final()]);
    const tag = e.getAuthTag();
    const id = await registerSymmetric(key, CryptographicAlgorithm.AES, U.Decrypt);
    const tagItem = (t: Uint8Array) => ttlv.bytes(Tag.AuthenticatedEncryptionTag, t);

    const first = await call(Operation.Decrypt, [
      uid(id),
      gcm,
      ttlv.bytes(Tag.IVCounterNonce, iv),
      tagItem(tag),
      data(ct.subarray(0, 30)),
      init,
    ]);
    const stream = req.bytes(first, Tag.CorrelationValue);
    const last = ct.subarray(30);
    const other = Buffer.from(tag).fill(1, 0, 1);
    await refusedWith(ResultReason.InvalidField, Operation.Decrypt, [data(last), corr(stream), final, tagItem(other)]);
    expect(h.sessions.size).toBe(1);
    // The final part carries no tag: the initial one authenticates.
    const end = await call(Operation.Decrypt, [data(last), corr(stream), final]);
    expect(Buffer.concat([req.bytes(first, Tag.Data), req.bytes(end, Tag.Data)]).toString("hex")).toBe(
      plain.toString("hex"),
    );
    expect(h.sessions.size).toBe(0);

    // The same tag again with the final part is accepted too.
    const again = await call(Operation.Decrypt, [
      uid(id),
      gcm,
      ttlv.bytes(Tag.IVCounterNonce, iv),
      tagItem(tag),
      data(ct.subarray(0, 30)),
      init,
    ]);
    const end2 = await call(Operation.Decrypt, [
      data(last),
      corr(req.bytes(again, Tag.CorrelationValue)),
      final,
      tagItem(tag),
    ]);
    expect(req.bytes(end2, Tag.Data).length).toBe(last.length);
  });

  it("AES-CBC Decrypt with padding: a final part that would end the ciphertext inside a block (Invalid Field), then the right one", async () => {
    const key = randomBytes(32);
    const iv = randomBytes(16);
    const plain = randomBytes(40);
    const e = createCipheriv("aes-256-cbc", key, iv);
    const ct = Buffer.concat([e.update(plain), e.final()]);
    const id = await registerSymmetric(key, CryptographicAlgorithm.AES, U.Decrypt);
    const cbc = ttlv.struct(Tag.CryptographicParameters, [
      ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC),
      ttlv.enum(Tag.PaddingMethod, PaddingMethod.PKCS5),
    ]);
    const first = await call(Operation.Decrypt, [
      uid(id),
      cbc,
      ttlv.bytes(Tag.IVCounterNonce, iv),
      data(ct.subarray(0, 20)),
      init,
    ]);
    const stream = req.bytes(first, Tag.CorrelationValue);
    await refusedWith(ResultReason.InvalidField, Operation.Decrypt, [data(ct.subarray(20, 30)), corr(stream), final]);
    expect(h.sessions.size).toBe(1);
    const end = await call(Operation.Decrypt, [data(ct.subarray(20)), corr(stream), final]);
    expect(Buffer.concat([req.bytes(first, Tag.Data), req.bytes(end, Tag.Data)]).toString("hex")).toBe(
      plain.toString("hex"),
    );
  });

  it("AES-CMAC: a part refused for the input limit does not count against the parts after it", async () => {
    const key = randomBytes(32);
    const id = await registerSymmetric(key, CryptographicAlgorithm.AES, U.MACGenerate);
    const cmacParams = ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CMAC)]);
    const stream = req.bytes(
      await call(Operation.MAC, [uid(id), cmacParams, data(randomBytes(16)), init]),
      Tag.CorrelationValue,
    );
    await refusedWith(ResultReason.InvalidField, Operation.MAC, [data(new Uint8Array(MAX_DATA_BYTES)), corr(stream)]);
    // Had the refused part been counted, this one would exceed the limit as well.
    await call(Operation.MAC, [data(randomBytes(16)), corr(stream)]);
    const end = await call(Operation.MAC, [data(randomBytes(16)), corr(stream), final]);
    expect(req.bytes(end, Tag.MACData).length).toBe(16);
  });
});
