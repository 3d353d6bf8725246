import type { ProtocolVersion } from "../kmip/version.js";
import { Operation, ResultReason } from "../ttlv/enums.js";

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
  [ResultReason.BadCryptographicParameters, ResultReason.InvalidField],
  // 1.4 §11.30-11.35: "No outstanding operation with the specified Correlation Value exists" -> Item Not Found.
  [ResultReason.InvalidCorrelationValue, ResultReason.ItemNotFound],
]);

/**
 * Where one operation's 1.4 error table names another 1.x reason for the same condition
 * than `toV1` does, keyed by operation then by 2.x reason:
 * - 1.4 §11.12 Get: "Object exists and is not a Template, but the server only has
 *   attributes for this object" -> Illegal Operation (a destroyed object keeps its metadata);
 * - 1.4 §11.22 Destroy: "Object exists, but has already been destroyed" -> Permission Denied;
 * - 1.4 §11.5 Re-key, §11.6 Re-key Key Pair: "Object specified is not able to be re-keyed" ->
 *   Permission Denied.
 */
const toV1ByOperation: ReadonlyMap<number, ReadonlyMap<number, number>> = new Map<number, ReadonlyMap<number, number>>([
  [Operation.Get, new Map([[ResultReason.ObjectDestroyed, ResultReason.IllegalOperation]])],
  [Operation.Destroy, new Map([[ResultReason.ObjectDestroyed, ResultReason.PermissionDenied]])],
  [Operation.ReKey, new Map([[ResultReason.InvalidObjectType, ResultReason.PermissionDenied]])],
  // 1.4 §11.30-11.35: "Object specified is not able to be used for encryption / decryption /
  // signing / signature verification / MACing" -> Permission Denied.
  ...[
    Operation.Encrypt,
    Operation.Decrypt,
    Operation.Sign,
    Operation.SignatureVerify,
    Operation.MAC,
    Operation.MACVerify,
  ].map((op) => [op, new Map([[ResultReason.InvalidObjectType, ResultReason.PermissionDenied]])] as const),
  [Operation.ReKeyKeyPair, new Map([[ResultReason.InvalidObjectType, ResultReason.PermissionDenied]])],
  // 1.4 §11.7 Derive Key: "One or more of the specified objects are not able to be used to derive a new key" -> Invalid Field.
  [Operation.DeriveKey, new Map([[ResultReason.IncompatibleCryptographicUsageMask, ResultReason.InvalidField]])],
]);

export function reasonForVersion(reason: number, v: ProtocolVersion, operation?: number): number {
  if (v.major >= 2) return reason;
  const special = operation === undefined ? undefined : toV1ByOperation.get(operation)?.get(reason);
  return special ?? toV1.get(reason) ?? reason;
}
