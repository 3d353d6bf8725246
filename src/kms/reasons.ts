import { ResultReason } from "../ttlv/enums.js";
import type { ProtocolVersion } from "../kmip/version.js";

/**
 * KMIP 2.0 added finer Result Reasons (2.1 §11.34). Operations throw the 2.x reason; a 1.x
 * client gets the 1.x reason the 1.4 error tables (1.4 §11) prescribe for the same condition.
 */
const toV1: ReadonlyMap<number, number> = new Map([
  [ResultReason.WrongKeyLifecycleState, ResultReason.PermissionDenied],
  [ResultReason.ObjectNotFound, ResultReason.ItemNotFound],
  [ResultReason.AttributeReadOnly, ResultReason.PermissionDenied],
  [ResultReason.AttributeNotFound, ResultReason.ItemNotFound],
  [ResultReason.AttributeInstanceNotFound, ResultReason.ItemNotFound],
  [ResultReason.AttributeSingleValued, ResultReason.IndexOutOfBounds],
  [ResultReason.IncompatibleCryptographicUsageMask, ResultReason.PermissionDenied],
  [ResultReason.NonUniqueNameAttribute, ResultReason.InvalidField],
  [ResultReason.ObjectDestroyed, ResultReason.ItemNotFound],
  [ResultReason.InvalidAttribute, ResultReason.InvalidField],
  [ResultReason.InvalidAttributeValue, ResultReason.InvalidField],
  [ResultReason.InvalidObjectType, ResultReason.InvalidField],
  [ResultReason.ReadOnlyAttribute, ResultReason.PermissionDenied],
  [ResultReason.UnsupportedAttribute, ResultReason.InvalidField],
  [ResultReason.InvalidDataType, ResultReason.InvalidField],
  [ResultReason.NumericRange, ResultReason.InvalidField],
  [ResultReason.UnknownTag, ResultReason.InvalidField],
  [ResultReason.UnknownEnumeration, ResultReason.InvalidField],
  [ResultReason.InternalServerError, ResultReason.GeneralFailure],
  [ResultReason.ServerLimitExceeded, ResultReason.GeneralFailure],
  [ResultReason.UnsupportedProtocolVersion, ResultReason.InvalidMessage],
  [ResultReason.CodecError, ResultReason.InvalidMessage],
]);

export function reasonForVersion(reason: number, v: ProtocolVersion): number {
  return v.major >= 2 ? reason : (toV1.get(reason) ?? reason);
}
