import { createCipheriv, generateKeyPairSync, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAll, opt, req } from "../../src/kmip/read.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  HashingAlgorithm,
  KeyFormatType,
  ObjectType,
  Operation,
  ResultReason,
  ResultStatus,
} from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type KmsHarness, openKmsHarness } from "../support/kms-harness.js";
import { batchItem, batchRequest } from "../support/request-message.js";

const gcm = ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]);
/**
 * An item that would fail (Object Not Found) after the multi-part part and so undo the batch:
 * the case the refusal exists for, as the part's session change could not be undone. It is never
 * reached: the part before it is refused first, which ends the batch.
 */
const failing = batchItem(Operation.Activate, [ttlv.text(Tag.UniqueIdentifier, "no-such-object")]);
const aesKey = randomBytes(32);

/**
 * Batch Error Continuation Option Undo (KMIP 1.4 §6.7): an item reported Operation Undone must
 * leave nothing behind, but a multi-part part's session change (a stream opened, data fed) lives
 * in memory, outside the transaction the batch rolls back. Such parts are refused in an Undo batch
 * of several items (Feature Not Supported), before they touch any session.
 */
describe("multi-part parts in an Undo batch", () => {
  let h: KmsHarness;

  beforeEach(async () => {
    h = await openKmsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const call = (operation: number, payload: TtlvItem[]) => h.call(operation, payload);

  async function undoBatch(items: readonly StructureItem[]): Promise<StructureItem[]> {
    return findAll(await h.kmip.process(batchRequest(items, true), "alice"), Tag.BatchItem) as StructureItem[];
  }

  const register: KmsHarness["register"] = (...args) => h.register(...args);

  const registerAes = () =>
    register(
      ObjectType.SymmetricKey,
      KeyFormatType.Raw,
      aesKey,
      CryptographicAlgorithm.AES,
      256,
      U.Encrypt | U.Decrypt,
    );

  /** Result Status, or for a failure its Result Reason, of each answer. */
  const outcomes = (items: readonly StructureItem[]) =>
    items.map((i) =>
      req.enum(i, Tag.ResultStatus) === ResultStatus.OperationFailed
        ? req.enum(i, Tag.ResultReason)
        : req.enum(i, Tag.ResultStatus),
    );

  it("an Encrypt Init part in an Undo batch of several items is refused, ends the batch and opens no session", async () => {
    const id = await registerAes();
    const before = h.sessions.size;
    const answers = await undoBatch([
      batchItem(Operation.Encrypt, [
        ttlv.text(Tag.UniqueIdentifier, id),
        gcm,
        ttlv.bytes(Tag.Data, randomBytes(32)),
        ttlv.bool(Tag.InitIndicator, true),
      ]),
      failing,
    ]);
    // One answer: the refusal ends the batch before the failing item.
    expect(outcomes(answers)).toEqual([ResultReason.FeatureNotSupported]);
    expect(opt.text(answers[0]!, Tag.ResultMessage)).toMatch(/Undo/);
    // No answer hands out a Correlation Value, and no session was left open.
    const payloads = answers.map((a) => opt.struct(a, Tag.ResponsePayload));
    expect(payloads.map((p) => (p === undefined ? undefined : opt.bytes(p, Tag.CorrelationValue)))).toEqual([
      undefined,
    ]);
    expect(h.sessions.size).toBe(before);
  });

  it("a part of an open Encrypt stream in an Undo batch of several items is refused, ends the batch and leaves the stream as it was", async () => {
    const id = await registerAes();
    const parts = [randomBytes(48), randomBytes(32), randomBytes(16)];
    const first = await call(Operation.Encrypt, [
      ttlv.text(Tag.UniqueIdentifier, id),
      gcm,
      ttlv.bytes(Tag.Data, parts[0]!),
      ttlv.bool(Tag.InitIndicator, true),
    ]);
    const corr = req.bytes(first, Tag.CorrelationValue);
    const answers = await undoBatch([
      batchItem(Operation.Encrypt, [ttlv.bytes(Tag.Data, parts[1]!), ttlv.bytes(Tag.CorrelationValue, corr)]),
      failing,
    ]);
    expect(outcomes(answers)).toEqual([ResultReason.FeatureNotSupported]);
    const last = await call(Operation.Encrypt, [
      ttlv.bytes(Tag.Data, parts[2]!),
      ttlv.bytes(Tag.CorrelationValue, corr),
      ttlv.bool(Tag.FinalIndicator, true),
    ]);
    // The stream is what it would be had the undone part never been sent: parts 0 and 2 only.
    const e = createCipheriv("aes-256-gcm", aesKey, req.bytes(first, Tag.IVCounterNonce));
    const expected = Buffer.concat([e.update(parts[0]!), e.update(parts[2]!), e.final()]);
    const got = Buffer.concat([req.bytes(first, Tag.Data), req.bytes(last, Tag.Data)]);
    expect(got.toString("hex")).toBe(expected.toString("hex"));
    expect(Buffer.from(req.bytes(last, Tag.AuthenticatedEncryptionTag)).equals(e.getAuthTag())).toBe(true);
    expect(h.sessions.size).toBe(0);
  });

  it("Init parts of Decrypt, MAC, Sign and Hash after an item that succeeded are refused too; the batch is undone", async () => {
    const aes = await registerAes();
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
    const init = ttlv.bool(Tag.InitIndicator, true);
    const data = ttlv.bytes(Tag.Data, randomBytes(16));
    const uid = (id: string) => ttlv.text(Tag.UniqueIdentifier, id);
    const parts = [
      batchItem(Operation.Decrypt, [uid(aes), gcm, ttlv.bytes(Tag.IVCounterNonce, randomBytes(12)), data, init]),
      batchItem(Operation.MAC, [uid(hmac), data, init]),
      batchItem(Operation.Sign, [uid(signer), data, init]),
      batchItem(Operation.Hash, [
        ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)]),
        data,
        init,
      ]),
    ];
    for (const part of parts) {
      const answers = await undoBatch([batchItem(Operation.GetAttributes, [uid(aes)]), part, failing]);
      expect(outcomes(answers)).toEqual([ResultStatus.OperationUndone, ResultReason.FeatureNotSupported]);
      expect(h.sessions.size).toBe(0);
    }
  });

  it("single-part operations and a multi-part part in an Undo batch of one item still run", async () => {
    const id = await registerAes();
    const single = batchItem(Operation.Encrypt, [
      ttlv.text(Tag.UniqueIdentifier, id),
      gcm,
      ttlv.bytes(Tag.Data, randomBytes(16)),
    ]);
    expect(outcomes(await undoBatch([single, single]))).toEqual([ResultStatus.Success, ResultStatus.Success]);
    const alone = await undoBatch([
      batchItem(Operation.Encrypt, [
        ttlv.text(Tag.UniqueIdentifier, id),
        gcm,
        ttlv.bytes(Tag.Data, randomBytes(16)),
        ttlv.bool(Tag.InitIndicator, true),
      ]),
    ]);
    expect(outcomes(alone)).toEqual([ResultStatus.Success]);
    expect(h.sessions.size).toBe(1);
  });
});
