import { KmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import { Operation, ResultReason } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import type { OperationHandler } from "./operation.js";

/**
 * Check (KMIP 1.4 §4.10 / 2.1 §6.1.6): may the caller use the object for the given
 * Cryptographic Usage Mask and Lease Time? On refusal the ID Placeholder is emptied and the
 * item fails (Incompatible Cryptographic Usage Mask in 2.x, Permission Denied in 1.x).
 */
export const check: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.Check);
  const wantMask = opt.int(payload, Tag.CryptographicUsageMask);
  if (wantMask !== undefined) {
    const have = obj.attrs.get("Cryptographic Usage Mask");
    const mask = have?.type === 2 ? have.value : 0;
    if ((wantMask & ~mask) !== 0) {
      ctx.idPlaceholder = undefined;
      throw new KmipError(ResultReason.IncompatibleCryptographicUsageMask, "Check Failed: usage not permitted");
    }
  }
  const wantLease = payload.value.find((c) => c.tag === Tag.LeaseTime);
  if (wantLease?.type === 0x0a) {
    const have = obj.attrs.get("Lease Time");
    if (have?.type === 0x0a && wantLease.value > have.value) {
      ctx.idPlaceholder = undefined;
      throw new KmipError(ResultReason.PermissionDenied, "Check Failed: lease time not permitted");
    }
  }
  ctx.idPlaceholder = id;
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  return out;
};
