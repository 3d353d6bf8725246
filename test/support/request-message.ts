import { BatchErrorContinuationOption } from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";

/** Protocol Version 2.1, for request headers built by hand. */
export const v21 = ttlv.struct(Tag.ProtocolVersion, [
  ttlv.int(Tag.ProtocolVersionMajor, 2),
  ttlv.int(Tag.ProtocolVersionMinor, 1),
]);

/** A batch item of `operation` with `payload`. */
export function batchItem(operation: number, payload: TtlvItem[]): StructureItem {
  return ttlv.struct(Tag.BatchItem, [ttlv.enum(Tag.Operation, operation), ttlv.struct(Tag.RequestPayload, payload)]);
}

/**
 * A KMIP 2.1 Request Message of `items`, for tests that call KmipProcessor directly; `undo`
 * sets Batch Error Continuation Option Undo.
 */
export function batchRequest(items: readonly StructureItem[], undo = false): StructureItem {
  const header: TtlvItem[] = [v21];
  if (undo) header.push(ttlv.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Undo));
  header.push(ttlv.int(Tag.BatchCount, items.length));
  return ttlv.struct(Tag.RequestMessage, [ttlv.struct(Tag.RequestHeader, header), ...items]);
}

/** A KMIP 2.1 Request Message of one batch item. */
export function request(operation: number, payload: TtlvItem[]): StructureItem {
  return batchRequest([batchItem(operation, payload)]);
}
