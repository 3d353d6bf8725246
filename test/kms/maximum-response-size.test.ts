import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAll, opt, req } from "../../src/kmip/read.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import type { Store } from "../../src/store/store.js";
import { encodeTtlv } from "../../src/ttlv/encode.js";
import { BatchErrorContinuationOption, Operation, ResultReason, ResultStatus } from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { openTestStore } from "../store/dialects.js";
import { v21 } from "../support/request-message.js";

/** One request item: RNG Retrieve of `rng` bytes (succeeds unless too large) or, without it, a Get of a missing object (fails). */
interface Item {
  readonly id: Uint8Array;
  readonly rng?: number;
}

const rng = (idBytes: number, rngBytes: number): Item => ({ id: new Uint8Array(idBytes).fill(0xa5), rng: rngBytes });
const missing = (idBytes: number): Item => ({ id: new Uint8Array(idBytes).fill(0x5a) });

function batchItemOf(i: Item): StructureItem {
  const [operation, payload] =
    i.rng === undefined
      ? [Operation.Get, [ttlv.text(Tag.UniqueIdentifier, "no-such-object")]]
      : [Operation.RNGRetrieve, [ttlv.int(Tag.DataLength, i.rng)]];
  return ttlv.struct(Tag.BatchItem, [
    ttlv.enum(Tag.Operation, operation),
    ttlv.bytes(Tag.UniqueBatchItemID, i.id),
    ttlv.struct(Tag.RequestPayload, payload),
  ]);
}

/** A KMIP 2.1 request of `items` with Batch Error Continuation Option Continue and Maximum Response Size `max`. */
function continueBatch(items: readonly Item[], max: number): StructureItem {
  const header = ttlv.struct(Tag.RequestHeader, [
    v21,
    ttlv.int(Tag.MaximumResponseSize, max),
    ttlv.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Continue),
    ttlv.int(Tag.BatchCount, items.length),
  ]);
  return ttlv.struct(Tag.RequestMessage, [header, ...items.map(batchItemOf)]);
}

/** Encoded size of the answer an RNG Retrieve item would get if it succeeded (built by hand, KMIP 2.1 §8.5). */
function successBytes(i: Item): number {
  return encodeTtlv(
    ttlv.struct(Tag.BatchItem, [
      ttlv.enum(Tag.Operation, Operation.RNGRetrieve),
      ttlv.bytes(Tag.UniqueBatchItemID, i.id),
      ttlv.enum(Tag.ResultStatus, ResultStatus.Success),
      ttlv.struct(Tag.ResponsePayload, [ttlv.bytes(Tag.Data, new Uint8Array(i.rng ?? 0))]),
    ]),
  ).length;
}

const size = (item: TtlvItem) => encodeTtlv(item).length;

/** Batches mixing answers that succeed (RNG Retrieve) and failures (Get of a missing object), Unique Batch Item IDs of several lengths. */
const batches: readonly (readonly Item[])[] = [
  Array.from({ length: 10 }, () => rng(4, 16)),
  [rng(1, 1), missing(3), rng(8, 40), rng(9, 7), missing(16), rng(2, 100), rng(5, 16), missing(1), rng(12, 33)],
  [missing(8), missing(8), rng(8, 8), rng(8, 200), rng(8, 8), missing(8), rng(8, 64)],
  [rng(16, 300), rng(3, 5), missing(5), rng(6, 129), rng(7, 17), rng(1, 2)],
];

/**
 * Maximum Response Size (KMIP 1.4 §6.3, 2.1 §9.12): "the maximum size of a response, in bytes,
 * that the requester SHALL be able to handle". Every answer counts against it, failures too,
 * at its encoded size with its Unique Batch Item ID, after the Response Header. A failure is
 * sent whatever its size (it cannot be refused any further), but the items after it are then
 * refused; an item whose answer fits is never refused.
 */
describe("Maximum Response Size over a Continue batch", () => {
  let store: Store;
  let close: () => Promise<void>;
  let kmip: KmipProcessor;

  beforeAll(async () => {
    ({ store, close } = await openTestStore("sqlite"));
    kmip = new KmipProcessor({ store, admins: [], maxBatchItems: 16 });
  });
  afterAll(async () => {
    await close();
  });

  it("a response exceeds the limit only by failures, and no item that fits is refused", async () => {
    for (const [b, items] of batches.entries()) {
      for (let max = 150; max <= 1200; max += 25) {
        const response = await kmip.process(continueBatch(items, max), "alice");
        const answers = findAll(response, Tag.BatchItem) as StructureItem[];
        expect(answers).toHaveLength(items.length);
        let used = size(req.struct(response, Tag.ResponseHeader)) + 8; // + the Response Message's own tag, type, length
        for (const [n, answer] of answers.entries()) {
          const where = `batch ${b}, limit ${max}, item ${n}`;
          const item = items[n]!;
          expect(opt.bytes(answer, Tag.UniqueBatchItemID), where).toEqual(item.id);
          const status = req.enum(answer, Tag.ResultStatus);
          if (item.rng === undefined) {
            expect(status, where).toBe(ResultStatus.OperationFailed);
            expect(opt.enum(answer, Tag.ResultReason), where).toBe(ResultReason.ObjectNotFound);
          } else if (status === ResultStatus.Success) {
            // A success fits together with everything before it.
            expect(used + size(answer), where).toBeLessThanOrEqual(max);
          } else {
            // A refusal is needed: the success answer would not have fitted.
            expect(opt.enum(answer, Tag.ResultReason), where).toBe(ResultReason.ResponseTooLarge);
            expect(used + successBytes(item), where).toBeGreaterThan(max);
          }
          used += size(answer);
        }
        expect(size(response)).toBe(used);
        if (used > max) {
          // Over the limit only from the first answer that does not fit on, and all of those are failures.
          let total = size(req.struct(response, Tag.ResponseHeader)) + 8;
          let over = false;
          for (const answer of answers) {
            total += size(answer);
            over ||= total > max;
            if (over) expect(req.enum(answer, Tag.ResultStatus)).toBe(ResultStatus.OperationFailed);
          }
        }
      }
    }
  });

  it("the first item whose answer fits alone succeeds", async () => {
    const items = [rng(6, 48), rng(6, 8)];
    const header = size(req.struct(await kmip.process(continueBatch(items, 10_000), "alice"), Tag.ResponseHeader)) + 8;
    for (const item of items) {
      const max = header + successBytes(item);
      const answer = findAll(
        await kmip.process(continueBatch([item], max), "alice"),
        Tag.BatchItem,
      )[0] as StructureItem;
      expect(req.enum(answer, Tag.ResultStatus), `limit ${max}`).toBe(ResultStatus.Success);
      const refused = findAll(await kmip.process(continueBatch([item], max - 1), "alice"), Tag.BatchItem)[0];
      expect(opt.enum(refused as StructureItem, Tag.ResultReason), `limit ${max - 1}`).toBe(
        ResultReason.ResponseTooLarge,
      );
    }
  });

  it("ten RNG Retrieve items under a limit of 400 bytes: the response holds at most 400 bytes of successes", async () => {
    const items = Array.from({ length: 10 }, () => rng(4, 16));
    const response = await kmip.process(continueBatch(items, 400), "alice");
    const answers = findAll(response, Tag.BatchItem) as StructureItem[];
    const successes = answers.filter((a) => req.enum(a, Tag.ResultStatus) === ResultStatus.Success);
    expect(successes.length).toBeGreaterThan(0);
    const header = size(req.struct(response, Tag.ResponseHeader)) + 8;
    const lastSuccess = answers.lastIndexOf(successes.at(-1)!);
    const prefix = answers.slice(0, lastSuccess + 1).reduce((sum, a) => sum + size(a), header);
    expect(prefix).toBeLessThanOrEqual(400);
  });
});
