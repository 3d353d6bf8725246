import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAll, opt, req } from "../../src/kmip/read.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import { type Store, StoreConflictError, type StoreTx } from "../../src/store/store.js";
import {
  BatchErrorContinuationOption,
  BlockCipherMode,
  CryptographicAlgorithm,
  ObjectType,
  Operation,
  ResultStatus,
  UsageLimitsUnit,
} from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { openTestStore } from "../store/dialects.js";
import { request, v21 } from "../support/request-message.js";

class SimulatedRetry extends Error {}

/**
 * A store whose every transaction runs twice, the first run rolled back after it finished, as
 * when PostgreSQL reports a deadlock at COMMIT and the backend runs the transaction again. A
 * multi-part stream must still be fed each part once.
 */
/** `store` with its transaction() replaced. */
function withTransaction(store: Store, transaction: Store["transaction"]): Store {
  return {
    getObject: (id, o) => store.getObject(id, o),
    insertObject: (obj) => store.insertObject(obj),
    updateObject: (id, v, c) => store.updateObject(id, v, c),
    findObjects: (f, o) => store.findObjects(f, o),
    findObjectIds: (f) => store.findObjectIds(f),
    countObjects: (f) => store.countObjects(f),
    addGrant: (g) => store.addGrant(g),
    removeGrant: (g) => store.removeGrant(g),
    listGrants: (id) => store.listGrants(id),
    audit: (e) => store.audit(e),
    lockKey: (k) => store.lockKey(k),
    listAudit: (o) => store.listAudit(o),
    verifyAudit: () => store.verifyAudit(),
    close: () => store.close(),
    transaction,
  };
}

/**
 * A store whose every transaction runs twice, the first run rolled back after it finished, as
 * when PostgreSQL reports a deadlock at COMMIT and the backend runs the transaction again. A
 * multi-part stream must still be fed each part once.
 */
function twiceRun(store: Store): Store {
  return withTransaction(store, async <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    await store
      .transaction(async (tx) => {
        await fn(tx);
        throw new SimulatedRetry();
      })
      .catch((e: unknown) => {
        if (!(e instanceof SimulatedRetry)) throw e;
      });
    return store.transaction(fn);
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
    const gcm = ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]);
    const first = await call(Operation.Encrypt, [
      ttlv.text(Tag.UniqueIdentifier, id),
      gcm,
      ttlv.bytes(Tag.Data, parts[0]!),
      ttlv.bool(Tag.InitIndicator, true),
    ]);
    const corr = req.bytes(first, Tag.CorrelationValue);
    const iv = req.bytes(first, Tag.IVCounterNonce);
    const second = await call(Operation.Encrypt, [
      ttlv.bytes(Tag.Data, parts[1]!),
      ttlv.bytes(Tag.CorrelationValue, corr),
    ]);
    const last = await call(Operation.Encrypt, [
      ttlv.bytes(Tag.Data, parts[2]!),
      ttlv.bytes(Tag.CorrelationValue, corr),
      ttlv.bool(Tag.FinalIndicator, true),
    ]);
    const e = createCipheriv("aes-256-gcm", key, iv);
    const expected = Buffer.concat([e.update(Buffer.concat(parts)), e.final()]);
    const got = Buffer.concat([first, second, last].map((p) => Buffer.from(req.bytes(p, Tag.Data))));
    expect(got.toString("hex")).toBe(expected.toString("hex"));
    expect(Buffer.from(req.bytes(last, Tag.AuthenticatedEncryptionTag)).equals(e.getAuthTag())).toBe(true);
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
      store: withTransaction(store, async (fn) => {
        if (conflicts-- > 0) {
          // Another writer's change wins the first run's first write, inside the batch.
          return store.transaction((tx) =>
            fn({
              getObject: (id, o) => tx.getObject(id, o),
              insertObject: () => Promise.reject(new StoreConflictError("object changed meanwhile")),
              updateObject: (id, v, c) => tx.updateObject(id, v, c),
              findObjects: (f, o) => tx.findObjects(f, o),
              findObjectIds: (f) => tx.findObjectIds(f),
              countObjects: (f) => tx.countObjects(f),
              addGrant: (g) => tx.addGrant(g),
              removeGrant: (g) => tx.removeGrant(g),
              listGrants: (id) => tx.listGrants(id),
              audit: (e) => tx.audit(e),
              lockKey: (k) => tx.lockKey(k),
            }),
          );
        }
        return store.transaction(fn);
      }),
      admins: [],
      maxBatchItems: 16,
    });
    const create = (name: string) =>
      ttlv.struct(Tag.BatchItem, [
        ttlv.enum(Tag.Operation, Operation.Create),
        ttlv.struct(Tag.RequestPayload, [
          ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
          ttlv.struct(Tag.Attributes, [
            ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
            ttlv.int(Tag.CryptographicLength, 128),
            ttlv.struct(Tag.Name, [ttlv.text(Tag.NameValue, name), ttlv.enum(Tag.NameType, 1)]),
          ]),
        ]),
      ]);
    const response = await flaky.process(
      ttlv.struct(Tag.RequestMessage, [
        ttlv.struct(Tag.RequestHeader, [
          v21,
          ttlv.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Undo),
          ttlv.int(Tag.BatchCount, 2),
        ]),
        create("undo-a"),
        create("undo-b"),
      ]),
      "alice",
    );
    const statuses = findAll(response, Tag.BatchItem).map((i) => req.enum(i as StructureItem, Tag.ResultStatus));
    expect(statuses).toEqual([ResultStatus.Success, ResultStatus.Success]);
    expect(conflicts).toBe(-1);
    expect(await store.findObjectIds({ index: [] })).toHaveLength(2);
  });

  it("an Undo batch run again feeds a multi-part stream once", async () => {
    const id = await register(CryptographicAlgorithm.AES, 4 | 8);
    const parts = [randomBytes(48), randomBytes(32), randomBytes(16)];
    const gcm = ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]);
    const first = await call(Operation.Encrypt, [
      ttlv.text(Tag.UniqueIdentifier, id),
      gcm,
      ttlv.bytes(Tag.Data, parts[0]!),
      ttlv.bool(Tag.InitIndicator, true),
    ]);
    const corr = req.bytes(first, Tag.CorrelationValue);
    const undo = await kmip.process(
      ttlv.struct(Tag.RequestMessage, [
        ttlv.struct(Tag.RequestHeader, [
          v21,
          ttlv.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Undo),
          ttlv.int(Tag.BatchCount, 2),
        ]),
        ttlv.struct(Tag.BatchItem, [
          ttlv.enum(Tag.Operation, Operation.Encrypt),
          ttlv.struct(Tag.RequestPayload, [ttlv.bytes(Tag.Data, parts[1]!), ttlv.bytes(Tag.CorrelationValue, corr)]),
        ]),
        ttlv.struct(Tag.BatchItem, [
          ttlv.enum(Tag.Operation, Operation.GetAttributes),
          ttlv.struct(Tag.RequestPayload, [ttlv.text(Tag.UniqueIdentifier, id)]),
        ]),
      ]),
      "alice",
    );
    const items = findAll(undo, Tag.BatchItem) as StructureItem[];
    expect(items.map((i) => req.enum(i, Tag.ResultStatus))).toEqual([ResultStatus.Success, ResultStatus.Success]);
    const middle = req.struct(items[0]!, Tag.ResponsePayload);
    const last = await call(Operation.Encrypt, [
      ttlv.bytes(Tag.Data, parts[2]!),
      ttlv.bytes(Tag.CorrelationValue, corr),
      ttlv.bool(Tag.FinalIndicator, true),
    ]);
    const e = createCipheriv("aes-256-gcm", key, req.bytes(first, Tag.IVCounterNonce));
    const expected = Buffer.concat([e.update(Buffer.concat(parts)), e.final()]);
    const got = Buffer.concat([first, middle, last].map((p) => Buffer.from(req.bytes(p, Tag.Data))));
    expect(got.toString("hex")).toBe(expected.toString("hex"));
  });

  it("an item run again starts from the ID Placeholder as it was, not from its rolled-back run", async () => {
    const response = await kmip.process(
      ttlv.struct(Tag.RequestMessage, [
        ttlv.struct(Tag.RequestHeader, [v21, ttlv.int(Tag.BatchCount, 2)]),
        ttlv.struct(Tag.BatchItem, [
          ttlv.enum(Tag.Operation, Operation.Create),
          ttlv.struct(Tag.RequestPayload, [
            ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
            ttlv.struct(Tag.Attributes, [
              ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
              ttlv.int(Tag.CryptographicLength, 128),
            ]),
          ]),
        ]),
        ttlv.struct(Tag.BatchItem, [ttlv.enum(Tag.Operation, Operation.ReKey), ttlv.struct(Tag.RequestPayload, [])]),
      ]),
      "alice",
    );
    const items = findAll(response, Tag.BatchItem) as StructureItem[];
    expect(items.map((i) => opt.text(i, Tag.ResultMessage) ?? req.enum(i, Tag.ResultStatus))).toEqual([
      ResultStatus.Success,
      ResultStatus.Success,
    ]);
  });
});
