import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAll, opt, req } from "../../src/kmip/read.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import { type Store, StoreConflictError, type StoreTx } from "../../src/store/store.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  ObjectType,
  Operation,
  ResultReason,
  ResultStatus,
  UsageLimitsUnit,
} from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { openTestStore } from "../store/dialects.js";
import { withOverrides } from "../support/overrides.js";
import { batchItem, batchRequest, request } from "../support/request-message.js";

class SimulatedRetry extends Error {}

/** A Create batch item of an AES-128 key with `extra` attributes. */
function createAes128(...extra: TtlvItem[]): StructureItem {
  return batchItem(Operation.Create, [
    ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    ttlv.struct(Tag.Attributes, [
      ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      ttlv.int(Tag.CryptographicLength, 128),
      ...extra,
    ]),
  ]);
}

/**
 * A store whose every transaction runs twice, the first run rolled back after it finished, as
 * when PostgreSQL reports a deadlock at COMMIT and the backend runs the transaction again. A
 * multi-part stream must still be fed each part once.
 */
function twiceRun(store: Store): Store {
  return withOverrides(store, {
    async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      await store
        .transaction(async (tx) => {
          await fn(tx);
          throw new SimulatedRetry();
        })
        .catch((e: unknown) => {
          if (!(e instanceof SimulatedRetry)) throw e;
        });
      return store.transaction(fn);
    },
  });
}

describe("operations whose transaction runs again", () => {
  let store: Store;
  let close: () => Promise<void>;
  let kmip: KmipProcessor;
  const key = randomBytes(32);

  beforeEach(async () => {
    ({ store, close } = await openTestStore("sqlite"));
    kmip = new KmipProcessor({ store: twiceRun(store), admins: [], maxBatchItems: 16 });
  });
  afterEach(async () => {
    await close();
  });

  async function call(operation: number, payload: TtlvItem[]): Promise<StructureItem> {
    const item = findAll(await kmip.process(request(operation, payload), "alice"), Tag.BatchItem)[0] as StructureItem;
    expect(req.enum(item, Tag.ResultStatus), `${operation}: ${opt.text(item, Tag.ResultMessage)}`).toBe(
      ResultStatus.Success,
    );
    return req.struct(item, Tag.ResponsePayload);
  }

  const gcm = ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]);

  /** The Init part of an AES-GCM Encrypt stream under `id`. */
  const startGcm = (id: string, data: Uint8Array) =>
    call(Operation.Encrypt, [
      ttlv.text(Tag.UniqueIdentifier, id),
      gcm,
      ttlv.bytes(Tag.Data, data),
      ttlv.bool(Tag.InitIndicator, true),
    ]);

  /** A later part of the stream `corr`; the final one with `final`. */
  const gcmPart = (corr: Uint8Array, data: Uint8Array, final = false) =>
    call(Operation.Encrypt, [
      ttlv.bytes(Tag.Data, data),
      ttlv.bytes(Tag.CorrelationValue, corr),
      ...(final ? [ttlv.bool(Tag.FinalIndicator, true)] : []),
    ]);

  /** node:crypto's AES-256-GCM of the whole input, under the stream's IV. */
  function gcmOfWhole(parts: readonly Uint8Array[], iv: Uint8Array) {
    const e = createCipheriv("aes-256-gcm", key, iv);
    const data = Buffer.concat([e.update(Buffer.concat(parts)), e.final()]);
    return { data, tag: e.getAuthTag() };
  }

  const dataOf = (answers: readonly StructureItem[]) =>
    Buffer.concat(answers.map((p) => Buffer.from(req.bytes(p, Tag.Data))));

  /** A key with Usage Limits, so that every part writes (its allocation) in a transaction. */
  async function register(algorithm: number, usageMask: number): Promise<string> {
    const p = await call(Operation.Register, [
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ttlv.struct(Tag.Attributes, [
        ttlv.int(Tag.CryptographicUsageMask, usageMask),
        ttlv.struct(Tag.UsageLimits, [
          ttlv.long(Tag.UsageLimitsTotal, 1_000_000n),
          ttlv.enum(Tag.UsageLimitsUnit, UsageLimitsUnit.Byte),
        ]),
        ttlv.date(Tag.ActivationDate, BigInt(Math.floor(Date.now() / 1000) - 60)),
      ]),
      ttlv.struct(Tag.SymmetricKey, [
        ttlv.struct(Tag.KeyBlock, [
          ttlv.enum(Tag.KeyFormatType, 1 /* Raw */),
          ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, key)]),
          ttlv.enum(Tag.CryptographicAlgorithm, algorithm),
          ttlv.int(Tag.CryptographicLength, 256),
        ]),
      ]),
    ]);
    return req.text(p, Tag.UniqueIdentifier);
  }

  it("Encrypt AES-GCM in three parts equals node:crypto over the whole", async () => {
    const id = await register(CryptographicAlgorithm.AES, 4 | 8);
    const parts = [randomBytes(100), randomBytes(37), randomBytes(64)];
    const first = await startGcm(id, parts[0]!);
    const corr = req.bytes(first, Tag.CorrelationValue);
    const second = await gcmPart(corr, parts[1]!);
    const last = await gcmPart(corr, parts[2]!, true);
    const expected = gcmOfWhole(parts, req.bytes(first, Tag.IVCounterNonce));
    expect(dataOf([first, second, last]).toString("hex")).toBe(expected.data.toString("hex"));
    expect(Buffer.from(req.bytes(last, Tag.AuthenticatedEncryptionTag)).equals(expected.tag)).toBe(true);
  });

  it("MAC HMAC-SHA256 in three parts equals node:crypto over the whole", async () => {
    const id = await register(CryptographicAlgorithm.HMAC_SHA256, 0x80);
    const parts = [randomBytes(10), randomBytes(20), randomBytes(30)];
    const first = await call(Operation.MAC, [
      ttlv.text(Tag.UniqueIdentifier, id),
      ttlv.bytes(Tag.Data, parts[0]!),
      ttlv.bool(Tag.InitIndicator, true),
    ]);
    const corr = req.bytes(first, Tag.CorrelationValue);
    await call(Operation.MAC, [ttlv.bytes(Tag.Data, parts[1]!), ttlv.bytes(Tag.CorrelationValue, corr)]);
    const last = await call(Operation.MAC, [
      ttlv.bytes(Tag.Data, parts[2]!),
      ttlv.bytes(Tag.CorrelationValue, corr),
      ttlv.bool(Tag.FinalIndicator, true),
    ]);
    const expected = createHmac("sha256", key).update(Buffer.concat(parts)).digest();
    expect(Buffer.from(req.bytes(last, Tag.MACData)).equals(expected)).toBe(true);
  });

  it("an Undo batch that loses a version check to another writer is run again, whole", async () => {
    let conflicts = 1;
    const flaky = new KmipProcessor({
      store: withOverrides(store, {
        transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
          if (conflicts-- > 0) {
            // Another writer's change wins the first run's first write, inside the batch.
            const conflicting = {
              insertObject: () => Promise.reject(new StoreConflictError("object changed meanwhile")),
            };
            return store.transaction((tx) => fn(withOverrides(tx, conflicting)));
          }
          return store.transaction(fn);
        },
      }),
      admins: [],
      maxBatchItems: 16,
    });
    const named = (name: string) =>
      createAes128(ttlv.struct(Tag.Name, [ttlv.text(Tag.NameValue, name), ttlv.enum(Tag.NameType, 1)]));
    const response = await flaky.process(batchRequest([named("undo-a"), named("undo-b")], true), "alice");
    const statuses = findAll(response, Tag.BatchItem).map((i) => req.enum(i as StructureItem, Tag.ResultStatus));
    expect(statuses).toEqual([ResultStatus.Success, ResultStatus.Success]);
    expect(conflicts).toBe(-1);
    expect(await store.findObjectIds({ index: [] })).toHaveLength(2);
  });

  it("an Undo batch run again refuses a multi-part part and leaves its stream as it was", async () => {
    const id = await register(CryptographicAlgorithm.AES, 4 | 8);
    const parts = [randomBytes(48), randomBytes(32), randomBytes(16)];
    const first = await startGcm(id, parts[0]!);
    const corr = req.bytes(first, Tag.CorrelationValue);
    const undo = await kmip.process(
      batchRequest(
        [
          batchItem(Operation.GetAttributes, [ttlv.text(Tag.UniqueIdentifier, id)]),
          batchItem(Operation.Encrypt, [ttlv.bytes(Tag.Data, parts[1]!), ttlv.bytes(Tag.CorrelationValue, corr)]),
        ],
        true,
      ),
      "alice",
    );
    const items = findAll(undo, Tag.BatchItem) as StructureItem[];
    expect(items.map((i) => req.enum(i, Tag.ResultStatus))).toEqual([
      ResultStatus.OperationUndone,
      ResultStatus.OperationFailed,
    ]);
    expect(opt.enum(items[1]!, Tag.ResultReason)).toBe(ResultReason.FeatureNotSupported);
    const last = await gcmPart(corr, parts[2]!, true);
    const expected = gcmOfWhole([parts[0]!, parts[2]!], req.bytes(first, Tag.IVCounterNonce));
    expect(dataOf([first, last]).toString("hex")).toBe(expected.data.toString("hex"));
  });

  it("an item run again starts from the ID Placeholder as it was, not from its rolled-back run", async () => {
    const response = await kmip.process(batchRequest([createAes128(), batchItem(Operation.ReKey, [])]), "alice");
    const items = findAll(response, Tag.BatchItem) as StructureItem[];
    expect(items.map((i) => opt.text(i, Tag.ResultMessage) ?? req.enum(i, Tag.ResultStatus))).toEqual([
      ResultStatus.Success,
      ResultStatus.Success,
    ]);
  });
});
