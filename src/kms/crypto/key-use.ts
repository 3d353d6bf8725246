import { KmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import { ObjectType, ResultReason, State, UsageLimitsUnit } from "../../ttlv/enums.js";
import { ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized } from "../access.js";
import type { RequestContext } from "../context.js";
import { dateAttr, wrongState } from "../lifecycle.js";
import type { ManagedObject } from "../managed-object.js";
import { hasValue } from "../object-repo.js";
import { saveChange } from "../save-change.js";

/**
 * Whether an operation applies cryptographic protection (Encrypt, Sign, MAC) or processes
 * protected information (Decrypt, Signature Verify, MAC Verify). KMIP 1.4 §3.22 / 2.1 §4.57
 * "State": a Pre-Active object "SHALL NOT be used for any cryptographic purpose"; an Active
 * object may be used for both, subject to Protect Stop Date (1.4 §3.26, 2.1 §4.43: after it the
 * object "SHALL NOT be used for applying cryptographic protection") and Process Start Date
 * (1.4 §3.25, 2.1 §4.41: before it the object "SHALL NOT be used for processing"); a
 * Deactivated object "SHALL NOT be used for applying cryptographic protection" but may process
 * (decrypt, verify); a Compromised object may only be used to process protected information.
 */
export type Direction = "apply" | "process";

export interface KeyUse {
  readonly operation: number;
  /** Cryptographic Usage Mask bit the key must carry (KMIP 1.4 §9.1.3.3.1, 2.1 §12.1). */
  readonly usage: number;
  readonly direction: Direction;
  readonly objectTypes: readonly number[];
  readonly what: string;
}

function dateMs(obj: ManagedObject, name: string): number | undefined {
  const v = obj.attrs.get(name);
  return v?.type === 9 ? Number(v.value) * 1000 : undefined;
}

/** Loads the key named by `id` for `use`, enforcing ownership, object type, state, dates and usage mask. */
export async function loadKeyForUse(ctx: RequestContext, id: string, use: KeyUse): Promise<ManagedObject> {
  const obj = await loadAuthorized(ctx, id, use.operation);
  if (!use.objectTypes.includes(obj.objectType)) {
    throw new KmipError(ResultReason.InvalidObjectType, `object ${id} cannot be used to ${use.what}`);
  }
  checkState(obj, use, ctx.now);
  const mask = obj.attrs.get("Cryptographic Usage Mask");
  const bits = mask?.type === 2 ? mask.value : 0;
  if ((bits & use.usage) === 0) {
    throw new KmipError(
      ResultReason.IncompatibleCryptographicUsageMask,
      `the Cryptographic Usage Mask of ${id} does not allow it to ${use.what}`,
    );
  }
  if (!hasValue(obj)) throw new KmipError(ResultReason.KeyValueNotPresent, `object ${id} has no key value`);
  return obj;
}

function checkState(obj: ManagedObject, use: KeyUse, now: number): void {
  switch (obj.state) {
    case State.PreActive:
      throw wrongState(`a Pre-Active key cannot be used to ${use.what}`);
    case State.Active:
      break;
    case State.Deactivated:
    case State.Compromised:
      if (use.direction === "apply") {
        throw wrongState(`a Deactivated or Compromised key can only process protected data, not ${use.what}`);
      }
      break;
    default:
      throw new KmipError(ResultReason.ObjectDestroyed, `object ${obj.id} is destroyed`);
  }
  if (use.direction === "apply") {
    const protectStop = dateMs(obj, dateAttr.protectStop);
    if (protectStop !== undefined && protectStop <= now) {
      throw wrongState(`the Protect Stop Date of ${obj.id} has passed`);
    }
  } else {
    const processStart = dateMs(obj, dateAttr.processStart);
    if (processStart !== undefined && processStart > now) {
      throw wrongState(`the Process Start Date of ${obj.id} has not come yet`);
    }
  }
}

/**
 * Usage Limits (KMIP 1.4 §3.21, 2.1 §4.59): "If the Managed Cryptographic Object referenced has a
 * Usage Limits attribute then the server SHALL obtain an allocation from the current Usage Limits
 * value prior to performing the encryption operation. If the allocation is unable to be obtained
 * the operation SHALL return with ... Permission Denied" (2.1 §6.1.17). The remaining allocation
 * is Usage Limits Count (Usage Limits Total when no Count is set yet); `bytes` is the amount of
 * data for a Byte unit, one use for an Object unit. The decrement is saved and audited.
 */
export async function consumeUsage(ctx: RequestContext, obj: ManagedObject, bytes: number): Promise<void> {
  const limits = obj.attrs.get("Usage Limits");
  if (limits === undefined || limits.type !== 1) return;
  const total = opt.long(limits, Tag.UsageLimitsTotal);
  const count = opt.long(limits, Tag.UsageLimitsCount);
  const unit = opt.enum(limits, Tag.UsageLimitsUnit);
  const remaining = count ?? total;
  if (remaining === undefined) return;
  const need = BigInt(unit === UsageLimitsUnit.Object ? 1 : bytes);
  if (need > remaining)
    throw new KmipError(ResultReason.PermissionDenied, `the Usage Limits of ${obj.id} are exhausted`);
  // Usage Limits ::= Usage Limits Total, Usage Limits Count, Usage Limits Unit (in this order).
  const next = [
    ...limits.value.filter((c) => c.tag === Tag.UsageLimitsTotal),
    ttlv.long(Tag.UsageLimitsCount, remaining - need),
    ...limits.value.filter((c) => c.tag === Tag.UsageLimitsUnit),
  ];
  obj.attrs.set("Usage Limits", ttlv.struct(Tag.UsageLimits, next));
  await saveChange(ctx, obj, "kmip.UsageLimits", { remaining: (remaining - need).toString() });
}

export const keyTypes = {
  symmetric: [ObjectType.SymmetricKey],
  encrypt: [ObjectType.SymmetricKey, ObjectType.PublicKey],
  decrypt: [ObjectType.SymmetricKey, ObjectType.PrivateKey],
  sign: [ObjectType.PrivateKey],
  verify: [ObjectType.PublicKey],
  mac: [ObjectType.SymmetricKey],
} as const;
