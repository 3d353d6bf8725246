import { createCipheriv, createHash, createHmac, generateKeyPairSync, randomBytes, verify } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAll, opt, req } from "../../src/kmip/read.js";
import { encodeTtlv } from "../../src/ttlv/encode.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  HashingAlgorithm,
  KeyFormatType,
  ObjectType,
  Operation,
  PaddingMethod,
  ResultReason,
  ResultStatus,
} from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type KmsHarness, openKmsHarness } from "../support/kms-harness.js";
import { batchItem, request, v21 } from "../support/request-message.js";

/** Smaller than any answer (header, batch item and payload): every part sent with it is too large. */
const TINY = 100;
const gcm = ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]);
const cbc = ttlv.struct(Tag.CryptographicParameters, [
  ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC),
  ttlv.enum(Tag.PaddingMethod, PaddingMethod.PKCS5),
]);
const sha256 = ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)]);
const init = ttlv.bool(Tag.InitIndicator, true);
const final = ttlv.bool(Tag.FinalIndicator, true);
const data = (d: Uint8Array) => ttlv.bytes(Tag.Data, d);
const uid = (id: string) => ttlv.text(Tag.UniqueIdentifier, id);
const corr = (c: Uint8Array) => ttlv.bytes(Tag.CorrelationValue, c);

/** A KMIP 2.1 request of one item whose header sets Maximum Response Size (KMIP 1.4 §6.3). */
function limited(operation: number, payload: TtlvItem[], maximumResponseSize: number): StructureItem {
  const header = ttlv.struct(Tag.RequestHeader, [
    v21,
    ttlv.int(Tag.MaximumResponseSize, maximumResponseSize),
    ttlv.int(Tag.BatchCount, 1),
  ]);
  return ttlv.struct(Tag.RequestMessage, [header, batchItem(operation, payload)]);
}

/**
 * Maximum Response Size (KMIP 1.4 §6.3, 2.1 §9.5) with multi-part operations: a part whose
 * answer would be too large fails with Response Too Large, and, like any failed item, leaves
 * nothing behind: its stream is not fed, opened or closed, so the client can go on as if the
 * part had never been sent (or send it again with a larger limit).
 */
describe("Maximum Response Size and multi-part parts", () => {
  let h: KmsHarness;

  beforeEach(async () => {
    h = await openKmsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const answer = (message: StructureItem) => h.answer(message);
  const call = (operation: number, payload: TtlvItem[]) => h.call(operation, payload);

  /** Sends the part with Maximum Response Size TINY and expects Response Too Large. */
  async function refused(operation: number, payload: TtlvItem[]): Promise<void> {
    const item = await answer(limited(operation, payload, TINY));
    expect(req.enum(item, Tag.ResultStatus)).toBe(ResultStatus.OperationFailed);
    expect(opt.enum(item, Tag.ResultReason)).toBe(ResultReason.ResponseTooLarge);
    expect(opt.struct(item, Tag.ResponsePayload)).toBeUndefined();
  }

  const register: KmsHarness["register"] = (...args) => h.register(...args);

  it("an Encrypt part or final part refused as too large leaves the stream as if it had never been sent", async () => {
    const key = randomBytes(32);
    const id = await register(
      ObjectType.SymmetricKey,
      KeyFormatType.Raw,
      key,
      CryptographicAlgorithm.AES,
      256,
      U.Encrypt,
    );
    const [a, x, b, c] = [randomBytes(48), randomBytes(64), randomBytes(32), randomBytes(16)];
    const first = await call(Operation.Encrypt, [uid(id), gcm, data(a), init]);
    const stream = req.bytes(first, Tag.CorrelationValue);
    await refused(Operation.Encrypt, [data(x), corr(stream)]);
    // A limit the answer fits lets a part through.
    const fits = await answer(limited(Operation.Encrypt, [data(b), corr(stream)], 1024));
    expect(req.enum(fits, Tag.ResultStatus)).toBe(ResultStatus.Success);
    const second = req.struct(fits, Tag.ResponsePayload);
    await refused(Operation.Encrypt, [data(c), corr(stream), final]);
    expect(h.sessions.size).toBe(1);
    const last = await call(Operation.Encrypt, [data(c), corr(stream), final]);
    // A reference stream that never saw the refused part x.
    const e = createCipheriv("aes-256-gcm", key, req.bytes(first, Tag.IVCounterNonce));
    const expected = Buffer.concat([e.update(a), e.update(b), e.update(c), e.final()]);
    const got = Buffer.concat([first, second, last].map((p) => req.bytes(p, Tag.Data)));
    expect(got.toString("hex")).toBe(expected.toString("hex"));
    expect(Buffer.from(req.bytes(last, Tag.AuthenticatedEncryptionTag)).equals(e.getAuthTag())).toBe(true);
    expect(h.sessions.size).toBe(0);
  });

  it("an Init part refused as too large opens no session (Encrypt, Decrypt, MAC, Sign, Hash)", async () => {
    const aes = await register(
      ObjectType.SymmetricKey,
      KeyFormatType.Raw,
      randomBytes(32),
      CryptographicAlgorithm.AES,
      256,
      U.Encrypt | U.Decrypt,
    );
    const hmac = await register(
      ObjectType.SymmetricKey,
      KeyFormatType.Raw,
      randomBytes(32),
      CryptographicAlgorithm.HMAC_SHA256,
      256,
      U.MACGenerate,
    );
    const ed = generateKeyPairSync("ed25519");
    const signer = await register(
      ObjectType.PrivateKey,
      KeyFormatType.PKCS_8,
      ed.privateKey.export({ format: "der", type: "pkcs8" }),
      CryptographicAlgorithm.Ed25519,
      256,
      U.Sign,
    );
    const d = data(randomBytes(16));
    await refused(Operation.Encrypt, [uid(aes), gcm, d, init]);
    await refused(Operation.Decrypt, [uid(aes), gcm, ttlv.bytes(Tag.IVCounterNonce, randomBytes(12)), d, init]);
    await refused(Operation.MAC, [uid(hmac), d, init]);
    await refused(Operation.Sign, [uid(signer), d, init]);
    await refused(Operation.Hash, [sha256, d, init]);
    expect(h.sessions.size).toBe(0);
  });

  it("a limit swept across an Encrypt part's answer: the part fits and feeds its stream, or is refused and leaves it as it was", async () => {
    const key = randomBytes(32);
    const id = await register(
      ObjectType.SymmetricKey,
      KeyFormatType.Raw,
      key,
      CryptographicAlgorithm.AES,
      256,
      U.Encrypt,
    );
    // CBC with padding holds back part of a block, so the part's output is not its input's length.
    const [a, b, c] = [randomBytes(20), randomBytes(37), randomBytes(11)];
    const open = () => call(Operation.Encrypt, [uid(id), cbc, data(a), init]);
    const probe = await open();
    const real = encodeTtlv(
      await h.kmip.process(
        request(Operation.Encrypt, [data(b), corr(req.bytes(probe, Tag.CorrelationValue))]),
        "alice",
      ),
    ).length;
    for (let limit = real - 24; limit <= real + 48; limit += 4) {
      const first = await open();
      const stream = req.bytes(first, Tag.CorrelationValue);
      const response = await h.kmip.process(limited(Operation.Encrypt, [data(b), corr(stream)], limit), "alice");
      const item = findAll(response, Tag.BatchItem)[0] as StructureItem;
      const fed = req.enum(item, Tag.ResultStatus) === ResultStatus.Success;
      if (fed) expect(encodeTtlv(response).length, `limit ${limit}`).toBeLessThanOrEqual(limit);
      else expect(opt.enum(item, Tag.ResultReason), `limit ${limit}`).toBe(ResultReason.ResponseTooLarge);
      // Refused below the real size; above it by the bound's slack (two blocks, rounded to 8 bytes), let through.
      if (limit < real) expect(fed, `limit ${limit}`).toBe(false);
      if (limit >= real + 40) expect(fed, `limit ${limit}`).toBe(true);
      const last = await call(Operation.Encrypt, [data(c), corr(stream), final]);
      const e = createCipheriv("aes-256-cbc", key, req.bytes(first, Tag.IVCounterNonce));
      const expected = Buffer.concat([e.update(a), ...(fed ? [e.update(b)] : []), e.update(c), e.final()]);
      const parts = fed ? [first, req.struct(item, Tag.ResponsePayload), last] : [first, last];
      const got = Buffer.concat(parts.map((p) => req.bytes(p, Tag.Data)));
      expect(got.toString("hex"), `limit ${limit}`).toBe(expected.toString("hex"));
    }
    expect(h.sessions.size).toBe(1); // the probe's
  });

  it("a limit swept across a MAC final part's answer: refused exactly below its size, and the stream then gives the same MAC", async () => {
    const macKey = randomBytes(32);
    const hmac = await register(
      ObjectType.SymmetricKey,
      KeyFormatType.Raw,
      macKey,
      CryptographicAlgorithm.HMAC_SHA256,
      256,
      U.MACGenerate,
    );
    const [a, b] = [randomBytes(40), randomBytes(8)];
    const expected = createHmac("sha256", macKey).update(a).update(b).digest();
    const open = async () => req.bytes(await call(Operation.MAC, [uid(hmac), data(a), init]), Tag.CorrelationValue);
    const real = encodeTtlv(
      await h.kmip.process(request(Operation.MAC, [data(b), corr(await open()), final]), "alice"),
    ).length;
    for (let limit = real - 16; limit <= real + 16; limit += 2) {
      const stream = await open();
      const response = await h.kmip.process(limited(Operation.MAC, [data(b), corr(stream), final], limit), "alice");
      const item = findAll(response, Tag.BatchItem)[0] as StructureItem;
      // The MAC's answer size is known exactly: it fits from its real size on.
      const fits = limit >= real;
      expect(req.enum(item, Tag.ResultStatus), `limit ${limit}`).toBe(
        fits ? ResultStatus.Success : ResultStatus.OperationFailed,
      );
      const p = fits
        ? req.struct(item, Tag.ResponsePayload)
        : await call(Operation.MAC, [data(b), corr(stream), final]);
      if (fits) expect(encodeTtlv(response).length).toBeLessThanOrEqual(limit);
      else expect(opt.enum(item, Tag.ResultReason)).toBe(ResultReason.ResponseTooLarge);
      expect(Buffer.from(req.bytes(p, Tag.MACData)).equals(expected), `limit ${limit}`).toBe(true);
    }
    expect(h.sessions.size).toBe(0);
  });

  it("MAC, Sign and Hash parts refused as too large leave their streams as they were", async () => {
    const macKey = randomBytes(32);
    const hmac = await register(
      ObjectType.SymmetricKey,
      KeyFormatType.Raw,
      macKey,
      CryptographicAlgorithm.HMAC_SHA256,
      256,
      U.MACGenerate,
    );
    const ed = generateKeyPairSync("ed25519");
    const signer = await register(
      ObjectType.PrivateKey,
      KeyFormatType.PKCS_8,
      ed.privateKey.export({ format: "der", type: "pkcs8" }),
      CryptographicAlgorithm.Ed25519,
      256,
      U.Sign,
    );
    const [a, x, b] = [randomBytes(40), randomBytes(24), randomBytes(8)];

    const m = req.bytes(await call(Operation.MAC, [uid(hmac), data(a), init]), Tag.CorrelationValue);
    await refused(Operation.MAC, [data(x), corr(m)]);
    await refused(Operation.MAC, [data(b), corr(m), final]);
    const mac = req.bytes(await call(Operation.MAC, [data(b), corr(m), final]), Tag.MACData);
    expect(Buffer.from(mac).equals(createHmac("sha256", macKey).update(a).update(b).digest())).toBe(true);

    const s = req.bytes(await call(Operation.Sign, [uid(signer), data(a), init]), Tag.CorrelationValue);
    await refused(Operation.Sign, [data(x), corr(s)]);
    await refused(Operation.Sign, [data(b), corr(s), final]);
    const signature = req.bytes(await call(Operation.Sign, [data(b), corr(s), final]), Tag.SignatureData);
    expect(verify(null, Buffer.concat([a, b]), ed.publicKey, signature)).toBe(true);

    const hs = req.bytes(await call(Operation.Hash, [sha256, data(a), init]), Tag.CorrelationValue);
    await refused(Operation.Hash, [data(x), corr(hs)]);
    await refused(Operation.Hash, [data(b), corr(hs), final]);
    const digest = req.bytes(await call(Operation.Hash, [data(b), corr(hs), final]), Tag.Data);
    expect(Buffer.from(digest).equals(createHash("sha256").update(a).update(b).digest())).toBe(true);
    expect(h.sessions.size).toBe(0);
  });
});
