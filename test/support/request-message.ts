import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";

/** Protocol Version 2.1, for request headers built by hand. */
export const v21 = ttlv.struct(Tag.ProtocolVersion, [
  ttlv.int(Tag.ProtocolVersionMajor, 2),
  ttlv.int(Tag.ProtocolVersionMinor, 1),
]);

/** A KMIP 2.1 Request Message of one batch item, for tests that call KmipProcessor directly. */
export function request(operation: number, payload: TtlvItem[]): StructureItem {
  return ttlv.struct(Tag.RequestMessage, [
    ttlv.struct(Tag.RequestHeader, [v21, ttlv.int(Tag.BatchCount, 1)]),
    ttlv.struct(Tag.BatchItem, [ttlv.enum(Tag.Operation, operation), ttlv.struct(Tag.RequestPayload, payload)]),
  ]);
}
