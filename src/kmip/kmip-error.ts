import { ResultReason } from "../ttlv/enums.js";

/**
 * A failure that maps onto a KMIP Result Reason (KMIP 1.4 §11.10 / 2.1 §11.34 "Result Reason").
 * Operations throw it; the batch processor turns it into an Operation Failed batch item
 * carrying `reason` and `message` as Result Reason and Result Message.
 */
export class KmipError extends Error {
  override readonly name = "KmipError";
  constructor(
    readonly reason: number,
    message: string,
  ) {
    super(message);
  }
}

export const kmipError = {
  notFound: (what: string) => new KmipError(ResultReason.ItemNotFound, `${what} not found`),
  invalidField: (msg: string) => new KmipError(ResultReason.InvalidField, msg),
  invalidMessage: (msg: string) => new KmipError(ResultReason.InvalidMessage, msg),
  missingData: (msg: string) => new KmipError(ResultReason.MissingData, msg),
  permissionDenied: (msg = "permission denied") => new KmipError(ResultReason.PermissionDenied, msg),
  illegalOperation: (msg: string) => new KmipError(ResultReason.IllegalOperation, msg),
  notSupported: (msg: string) => new KmipError(ResultReason.OperationNotSupported, msg),
  featureNotSupported: (msg: string) => new KmipError(ResultReason.FeatureNotSupported, msg),
  keyFormatNotSupported: (msg: string) => new KmipError(ResultReason.KeyFormatTypeNotSupported, msg),
  general: (msg: string) => new KmipError(ResultReason.GeneralFailure, msg),
} as const;
