import { KmipError } from "../kmip/kmip-error.js";
import {
  type RequestBatchItem,
  type ResponseBatchItem,
  type ResponseHeaderFields,
  responseBatchItemBytes,
  responseHeaderBytes,
  succeededItem,
} from "../kmip/message.js";
import { structureBytes } from "../ttlv/encoded-size.js";
import { ResultReason, ResultStatus } from "../ttlv/enums.js";
import type { ResponseRoom } from "./context.js";

/** Encoded size of an empty Response Payload, which a payload of known size takes the place of. */
const EMPTY_PAYLOAD_BYTES = structureBytes([]);

/**
 * Maximum Response Size (KMIP 1.4 §6.3, 2.1 §9.12): "the maximum size of a response, in bytes,
 * that the requester SHALL be able to handle". Counted in encoded TTLV bytes (ttlv/encoded-size.ts):
 * the Response Header, then every answer that goes into the response at its real size, with its
 * Unique Batch Item ID, failures (Result Status, Result Reason, Result Message) too.
 *
 * A success is checked inside its item's transaction (`reserve`), so an answer too large fails
 * with Response Too Large and its writes are rolled back; an item run again (after a conflict,
 * or a read-mostly rerun) replaces its earlier reservation instead of adding to it. A multi-part
 * part also asks before it changes its session (`roomFor`, RequestContext.responseRoom), as no
 * rollback can take a fed stream back. Every final answer is then counted (`settle`): a failure
 * cannot be refused any further, so it is sent even when it does not fit, but it takes its room,
 * and the items after it are refused when nothing is left. (An Undo batch ends at its first
 * failure, which so needs no counting: processor.ts settles Stop and Continue answers only.)
 */
export class ResponseBudget {
  private used: number;
  /** Sizes of success answers reserved by items not yet settled. */
  private readonly reserved = new Map<RequestBatchItem, number>();

  /** `max`: the request's Maximum Response Size, if any; `header`: that of the response. */
  constructor(
    private readonly max: number | undefined,
    header: ResponseHeaderFields,
  ) {
    this.used = max === undefined ? 0 : responseHeaderBytes(header);
  }

  /** Room for `item`'s success `answer`, in its transaction: throws Response Too Large unless it fits. */
  reserve(item: RequestBatchItem, answer: ResponseBatchItem): void {
    if (this.max === undefined) return;
    const size = responseBatchItemBytes(answer);
    const others = this.used - (this.reserved.get(item) ?? 0);
    if (others + size > this.max) {
      // The item fails: its refused answer keeps no room (settle counts the failure sent instead).
      this.used = others;
      this.reserved.delete(item);
      throw tooLarge();
    }
    this.used = others + size;
    this.reserved.set(item, size);
  }

  /** Drops what `items` reserved: an Undo batch run again starts from the room it had. */
  forget(items: readonly RequestBatchItem[]): void {
    for (const item of items) {
      this.used -= this.reserved.get(item) ?? 0;
      this.reserved.delete(item);
    }
  }

  /** Counts `item`'s final answer, whatever its size: the response carries it. */
  settle(item: RequestBatchItem, answer: ResponseBatchItem): void {
    if (this.max === undefined) return;
    const reserved = this.reserved.get(item);
    this.reserved.delete(item);
    // A success was measured when it was reserved; only a failure is measured here.
    if (reserved !== undefined && answer.resultStatus === ResultStatus.Success) return;
    this.used += responseBatchItemBytes(answer) - (reserved ?? 0);
  }

  /** The item's view of the budget; undefined when the request sets no Maximum Response Size. */
  roomFor(item: RequestBatchItem): ResponseRoom | undefined {
    const max = this.max;
    if (max === undefined) return undefined;
    return {
      ensure: (payloadBytes) => {
        const size = responseBatchItemBytes(succeededItem(item, [])) - EMPTY_PAYLOAD_BYTES + payloadBytes;
        if (this.used - (this.reserved.get(item) ?? 0) + size > max) throw tooLarge();
      },
    };
  }
}

function tooLarge(): KmipError {
  return new KmipError(ResultReason.ResponseTooLarge, "response exceeds Maximum Response Size");
}
