import { createCipheriv } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAll, opt, req } from "../../src/kmip/read.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import type { Store } from "../../src/store/store.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  ObjectType,
  Operation,
  RecommendedCurve,
  ResultReason,
  ResultStatus,
  UsageLimitsUnit,
} from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { dialects, openTestStore } from "../store/dialects.js";
import { batchItem, batchRequest, request } from "../support/request-message.js";

/** Create of an AES-256 Encrypt/Decrypt key with `extra` attributes (KMIP 2.1 form). */
const createAes = (extra: TtlvItem) =>
  request(Operation.Create, [
    ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    ttlv.struct(Tag.Attributes, [
      ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      ttlv.int(Tag.CryptographicLength, 256),
      ttlv.int(Tag.CryptographicUsageMask, 12),
      extra,
    ]),
  ]);

const createNamed = (name: string) =>
  createAes(ttlv.struct(Tag.Name, [ttlv.text(Tag.NameValue, name), ttlv.enum(Tag.NameType, 1)]));

const name = (v: string) => ttlv.struct(Tag.Name, [ttlv.text(Tag.NameValue, v), ttlv.enum(Tag.NameType, 1)]);

/** Create Key Pair of an EC P-256 pair, its halves named `privateName` / `publicName` if given. */
const pair = (privateName?: string, publicName?: string) =>
  request(Operation.CreateKeyPair, [
    ttlv.struct(Tag.CommonAttributes, [
      ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.EC),
      ttlv.int(Tag.CryptographicLength, 256),
      ttlv.struct(Tag.CryptographicDomainParameters, [ttlv.enum(Tag.RecommendedCurve, RecommendedCurve.P_256)]),
    ]),
    ttlv.struct(Tag.PrivateKeyAttributes, [
      ttlv.int(Tag.CryptographicUsageMask, 1),
      ...(privateName === undefined ? [] : [name(privateName)]),
    ]),
    ttlv.struct(Tag.PublicKeyAttributes, [
      ttlv.int(Tag.CryptographicUsageMask, 2),
      ...(publicName === undefined ? [] : [name(publicName)]),
    ]),
  ]);

function item(response: StructureItem): StructureItem {
  return findAll(response, Tag.BatchItem)[0] as StructureItem;
}

/**
 * Concurrent requests that check before they write must be serialized as if each ran alone:
 * on PostgreSQL under READ COMMITTED, eight concurrent Creates of one Name all succeeded.
 */
for (const dialect of dialects) {
  describe(`concurrent writes on ${dialect}`, () => {
    let store: Store;
    let close: () => Promise<void>;
    let kmip: KmipProcessor;
    let internal: unknown[];

    beforeEach(async () => {
      ({ store, close } = await openTestStore(dialect));
      internal = [];
      kmip = new KmipProcessor({ store, admins: [], maxBatchItems: 16, onInternalError: (e) => internal.push(e) });
    });
    afterEach(async () => {
      await close();
      // A race must end in a KMIP answer, never in an internal error (General Failure).
      expect(internal).toEqual([]);
    });

    it("lets exactly one of many concurrent Creates of one Name through", async () => {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => kmip.process(createNamed("only-one"), "alice")),
      );
      const items = answers.map(item);
      const ok = items.filter((i) => req.enum(i, Tag.ResultStatus) === ResultStatus.Success);
      expect(ok).toHaveLength(1);
      for (const i of items.filter((x) => !ok.includes(x))) {
        expect(opt.enum(i, Tag.ResultReason)).toBe(ResultReason.NonUniqueNameAttribute);
      }
      const found = await store.findObjectIds({ index: [] });
      expect(found).toHaveLength(1);
    });

    it("clears Fresh once when many first Gets of a key race, and every Get succeeds", async () => {
      const created = item(await kmip.process(createNamed("racy"), "alice"));
      const id = req.text(req.struct(created, Tag.ResponsePayload), Tag.UniqueIdentifier);
      const gets = await Promise.all(
        Array.from({ length: 8 }, () =>
          kmip.process(request(Operation.Get, [ttlv.text(Tag.UniqueIdentifier, id)]), "alice"),
        ),
      );
      for (const g of gets) expect(req.enum(item(g), Tag.ResultStatus)).toBe(ResultStatus.Success);
      const record = await store.getObject(id);
      expect(record?.version).toBe(2);
    });

    it("never encrypts with key material from a rolled-back write", async () => {
      const importKey = (material: number) =>
        request(Operation.Import, [
          ttlv.text(Tag.UniqueIdentifier, "imported"),
          ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
          ttlv.bool(Tag.ReplaceExisting, true),
          ttlv.struct(Tag.Attributes, [
            ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
            ttlv.int(Tag.CryptographicLength, 128),
            ttlv.int(Tag.CryptographicUsageMask, 12),
            ttlv.enum(Tag.State, 2 /* Active */),
          ]),
          ttlv.struct(Tag.SymmetricKey, [
            ttlv.struct(Tag.KeyBlock, [
              ttlv.enum(Tag.KeyFormatType, 1 /* Raw */),
              ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, new Uint8Array(16).fill(material))]),
              ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
              ttlv.int(Tag.CryptographicLength, 128),
            ]),
          ]),
        ]);
      const ecb = ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.ECB)]);
      const encryptItem = batchItem(Operation.Encrypt, [
        ttlv.text(Tag.UniqueIdentifier, "imported"),
        ecb,
        ttlv.bytes(Tag.Data, new Uint8Array(16)),
      ]);
      expect(req.enum(item(await kmip.process(importKey(1), "alice")), Tag.ResultStatus)).toBe(ResultStatus.Success);
      // Undo batch: Import material 2, Encrypt with it, then a failing item rolls both back.
      const undo = batchRequest(
        [item(importKey(2)), encryptItem, batchItem(Operation.Activate, [ttlv.text(Tag.UniqueIdentifier, "missing")])],
        true,
      );
      const undone = findAll(await kmip.process(undo, "alice"), Tag.BatchItem) as StructureItem[];
      expect(undone.map((i) => req.enum(i, Tag.ResultStatus))).toEqual([
        ResultStatus.OperationUndone,
        ResultStatus.OperationUndone,
        ResultStatus.OperationFailed,
      ]);
      expect(req.enum(item(await kmip.process(importKey(3), "alice")), Tag.ResultStatus)).toBe(ResultStatus.Success);
      const encrypted = item(await kmip.process(batchRequest([encryptItem]), "alice"));
      const expected = createCipheriv("aes-128-ecb", Buffer.alloc(16, 3), null);
      expected.setAutoPadding(false);
      expect(Buffer.from(req.bytes(req.struct(encrypted, Tag.ResponsePayload), Tag.Data)).toString("hex")).toBe(
        expected.update(Buffer.alloc(16)).toString("hex"),
      );
    });

    it("lets one of two Create Key Pairs naming their halves crosswise through, without a deadlock", async () => {
      const started = performance.now();
      const answers = (
        await Promise.all([kmip.process(pair("left", "right"), "alice"), kmip.process(pair("right", "left"), "alice")])
      ).map(item);
      // PostgreSQL breaks a deadlock only after deadlock_timeout (1 s): both must be done well before.
      expect(performance.now() - started).toBeLessThan(900);
      const statuses = answers.map((a) => req.enum(a, Tag.ResultStatus));
      expect(statuses.filter((x) => x === ResultStatus.Success)).toHaveLength(1);
      const failed = answers.find((a) => req.enum(a, Tag.ResultStatus) !== ResultStatus.Success)!;
      expect(opt.enum(failed, Tag.ResultReason)).toBe(ResultReason.NonUniqueNameAttribute);
    });

    it("lets one of two Re-key Key Pairs naming their new halves crosswise through, without a deadlock", async () => {
      const ids = async (answer: StructureItem) => {
        const payload = req.struct(item(answer), Tag.ResponsePayload);
        return req.text(payload, Tag.PrivateKeyUniqueIdentifier);
      };
      const first = await ids(await kmip.process(pair(), "alice"));
      const second = await ids(await kmip.process(pair(), "alice"));
      const rekey = (privateId: string, privateName: string, publicName: string) =>
        request(Operation.ReKeyKeyPair, [
          ttlv.text(Tag.PrivateKeyUniqueIdentifier, privateId),
          ttlv.struct(Tag.PrivateKeyAttributes, [name(privateName)]),
          ttlv.struct(Tag.PublicKeyAttributes, [name(publicName)]),
        ]);
      const started = performance.now();
      const answers = (
        await Promise.all([
          kmip.process(rekey(first, "left", "right"), "alice"),
          kmip.process(rekey(second, "right", "left"), "alice"),
        ])
      ).map(item);
      // PostgreSQL breaks a deadlock only after deadlock_timeout (1 s): both must be done well before.
      expect(performance.now() - started).toBeLessThan(900);
      const statuses = answers.map((a) => req.enum(a, Tag.ResultStatus));
      expect(statuses.filter((x) => x === ResultStatus.Success)).toHaveLength(1);
      const failed = answers.find((a) => req.enum(a, Tag.ResultStatus) !== ResultStatus.Success)!;
      expect(opt.enum(failed, Tag.ResultReason)).toBe(ResultReason.NonUniqueNameAttribute);
    });

    it("gives out exactly the Usage Limits allocation to concurrent Encrypts", async () => {
      const created = item(
        await kmip.process(
          createAes(
            ttlv.struct(Tag.UsageLimits, [
              ttlv.long(Tag.UsageLimitsTotal, 5n),
              ttlv.enum(Tag.UsageLimitsUnit, UsageLimitsUnit.Object),
            ]),
          ),
          "alice",
        ),
      );
      expect(req.enum(created, Tag.ResultStatus)).toBe(ResultStatus.Success);
      const id = req.text(req.struct(created, Tag.ResponsePayload), Tag.UniqueIdentifier);
      await kmip.process(request(Operation.Activate, [ttlv.text(Tag.UniqueIdentifier, id)]), "alice");
      const encrypt = request(Operation.Encrypt, [
        ttlv.text(Tag.UniqueIdentifier, id),
        ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]),
        ttlv.bytes(Tag.Data, new Uint8Array(32)),
      ]);
      const items = (await Promise.all(Array.from({ length: 8 }, () => kmip.process(encrypt, "alice")))).map(item);
      const statuses = items.map((i) => req.enum(i, Tag.ResultStatus));
      expect(statuses.filter((x) => x === ResultStatus.Success)).toHaveLength(5);
      for (const i of items.filter((x) => req.enum(x, Tag.ResultStatus) !== ResultStatus.Success)) {
        expect(opt.enum(i, Tag.ResultReason)).toBe(ResultReason.PermissionDenied);
      }
    });
  });
}
