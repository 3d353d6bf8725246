import { encodedBytes } from "../ttlv/encoded-size.js";
import { AsynchronousIndicator, BatchErrorContinuationOption, ResultStatus } from "../ttlv/enums.js";
import type { StructureItem, TtlvItem } from "../ttlv/item.js";
import { ttlv } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import { KmipError, kmipError } from "./kmip-error.js";
import { asStruct, find, findAll, opt, req } from "./read.js";
import type { ProtocolVersion } from "./version.js";

/** Request Header (KMIP 1.4 §7.2 / 2.1 §8.2 "Request Header"). */
export interface RequestHeader {
  readonly version: ProtocolVersion;
  readonly maximumResponseSize: number | undefined;
  readonly clientCorrelationValue: string | undefined;
  /**
   * The client insists on asynchronous processing (KMIP 2.x Asynchronous Indicator = Mandatory).
   * A 1.x `true` only permits it, so the server may still answer synchronously.
   */
  readonly asynchronousRequired: boolean;
  readonly batchErrorContinuationOption: number;
  readonly batchOrderOption: boolean;
  readonly batchCount: number;
}

/** Request Batch Item (KMIP 1.4 §7.2): Operation, optional Unique Batch Item ID, Request Payload. */
export interface RequestBatchItem {
  readonly operation: number;
  readonly uniqueBatchItemId: Uint8Array | undefined;
  readonly payload: StructureItem;
}

export interface RequestMessage {
  readonly header: RequestHeader;
  readonly items: readonly RequestBatchItem[];
}

export interface ResponseBatchItem {
  readonly operation: number | undefined;
  readonly uniqueBatchItemId: Uint8Array | undefined;
  readonly resultStatus: number;
  readonly resultReason?: number | undefined;
  readonly resultMessage?: string | undefined;
  readonly payload?: readonly TtlvItem[] | undefined;
}

/** Reads just the protocol version, so that even a malformed message is answered in its own version. */
export function peekVersion(message: TtlvItem): ProtocolVersion | undefined {
  if (message.type !== 1 || message.tag !== Tag.RequestMessage) return undefined;
  const header = find(message, Tag.RequestHeader);
  if (header?.type !== 1) return undefined;
  const pv = find(header, Tag.ProtocolVersion);
  if (pv?.type !== 1) return undefined;
  const major = find(pv, Tag.ProtocolVersionMajor);
  const minor = find(pv, Tag.ProtocolVersionMinor);
  if (major?.type !== 2 || minor?.type !== 2) return undefined;
  return { major: major.value, minor: minor.value };
}

export function parseRequest(message: TtlvItem, maxBatchItems: number): RequestMessage {
  if (message.tag !== Tag.RequestMessage) throw kmipError.invalidMessage("expected a Request Message");
  const msg = asStruct(message);
  const header = req.struct(msg, Tag.RequestHeader);
  const version = peekVersion(message);
  if (version === undefined) throw kmipError.invalidMessage("Request Header: Protocol Version is missing or malformed");
  const batchCount = req.int(header, Tag.BatchCount);
  const items = findAll(msg, Tag.BatchItem);
  if (items.length === 0) throw kmipError.invalidMessage("no Batch Item");
  if (batchCount !== items.length) {
    throw kmipError.invalidMessage(`Batch Count ${batchCount} does not match ${items.length} Batch Items`);
  }
  if (items.length > maxBatchItems) {
    throw kmipError.invalidMessage(`${items.length} Batch Items exceed the limit of ${maxBatchItems}`);
  }
  return {
    header: {
      version,
      maximumResponseSize: opt.int(header, Tag.MaximumResponseSize),
      clientCorrelationValue: opt.text(header, Tag.ClientCorrelationValue),
      asynchronousRequired: asyncRequired(find(header, Tag.AsynchronousIndicator)),
      batchErrorContinuationOption:
        opt.enum(header, Tag.BatchErrorContinuationOption) ?? BatchErrorContinuationOption.Stop,
      batchOrderOption: opt.bool(header, Tag.BatchOrderOption) ?? true,
      batchCount,
    },
    items: items.map((it) => parseBatchItem(asStruct(it))),
  };
}

/** Asynchronous Indicator: a Boolean in KMIP 1.x (may), an Enumeration Mandatory / Optional / Prohibited in 2.x. */
function asyncRequired(item: TtlvItem | undefined): boolean {
  if (item === undefined) return false;
  if (item.type === 6) return false;
  if (item.type === 5) return item.value === AsynchronousIndicator.Mandatory;
  throw kmipError.invalidField("Asynchronous Indicator: wrong item type");
}

function parseBatchItem(item: StructureItem): RequestBatchItem {
  const payload = opt.struct(item, Tag.RequestPayload) ?? ttlv.struct(Tag.RequestPayload, []);
  return {
    operation: req.enum(item, Tag.Operation),
    uniqueBatchItemId: opt.bytes(item, Tag.UniqueBatchItemID),
    payload,
  };
}

/** The answer of an item that succeeded, with its Response Payload. */
export function succeededItem(item: RequestBatchItem, payload: readonly TtlvItem[]): ResponseBatchItem {
  return {
    operation: item.operation,
    uniqueBatchItemId: item.uniqueBatchItemId,
    resultStatus: ResultStatus.Success,
    payload,
  };
}

/** Batch items that could not even be parsed still get an answer in the request's order. */
export function failedItem(operation: number | undefined, id: Uint8Array | undefined, err: unknown): ResponseBatchItem {
  const e = err instanceof KmipError ? err : kmipError.general("internal error");
  return {
    operation,
    uniqueBatchItemId: id,
    resultStatus: ResultStatus.OperationFailed,
    resultReason: e.reason,
    resultMessage: e.message,
  };
}

export interface ResponseHeaderFields {
  readonly version: ProtocolVersion;
  readonly timeStamp: bigint;
  readonly clientCorrelationValue?: string | undefined;
}

/** Response Message (KMIP 1.4 §7.3): header, then one Batch Item per answered request item. */
export function encodeResponse(h: ResponseHeaderFields, items: readonly ResponseBatchItem[]): StructureItem {
  const header: TtlvItem[] = [
    ttlv.struct(Tag.ProtocolVersion, [
      ttlv.int(Tag.ProtocolVersionMajor, h.version.major),
      ttlv.int(Tag.ProtocolVersionMinor, h.version.minor),
    ]),
    ttlv.date(Tag.TimeStamp, h.timeStamp),
  ];
  if (h.clientCorrelationValue !== undefined) {
    header.push(ttlv.text(Tag.ClientCorrelationValue, h.clientCorrelationValue));
  }
  header.push(ttlv.int(Tag.BatchCount, items.length));
  const body: TtlvItem[] = [ttlv.struct(Tag.ResponseHeader, header)];
  for (const it of items) body.push(encodeBatchItem(it));
  return ttlv.struct(Tag.ResponseMessage, body);
}

/**
 * Encoded TTLV size of the Response Message `encodeResponse(h, items)` builds, without its Batch
 * Items: the message's own Tag, Type and Length and its Response Header (whose Batch Count, an
 * Integer, has the same size whatever its value). Each Batch Item adds responseBatchItemBytes.
 */
export function responseHeaderBytes(h: ResponseHeaderFields): number {
  return encodedBytes(encodeResponse(h, []));
}

/** Encoded TTLV size of `it` as a Response Batch Item (KMIP 1.4 §7.3 Table 285), Unique Batch Item ID and failure fields included. */
export function responseBatchItemBytes(it: ResponseBatchItem): number {
  return encodedBytes(encodeBatchItem(it));
}

function encodeBatchItem(it: ResponseBatchItem): StructureItem {
  const v: TtlvItem[] = [];
  if (it.operation !== undefined) v.push(ttlv.enum(Tag.Operation, it.operation));
  if (it.uniqueBatchItemId !== undefined) v.push(ttlv.bytes(Tag.UniqueBatchItemID, it.uniqueBatchItemId));
  v.push(ttlv.enum(Tag.ResultStatus, it.resultStatus));
  if (it.resultReason !== undefined) v.push(ttlv.enum(Tag.ResultReason, it.resultReason));
  if (it.resultMessage !== undefined) v.push(ttlv.text(Tag.ResultMessage, it.resultMessage));
  if (it.payload !== undefined) v.push(ttlv.struct(Tag.ResponsePayload, it.payload));
  return ttlv.struct(Tag.BatchItem, v);
}
