import { KmipError } from "../../kmip/kmip-error.js";
import { Operation, ResultReason, State } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { nowSeconds } from "../context.js";
import { dateAttr, isDestroyed, wrongState } from "../lifecycle.js";
import { saveChange } from "../save-change.js";
import type { OperationHandler } from "./operation.js";

/**
 * Destroy (KMIP 1.4 §4.21 / 2.1 §6.1.15): the key material is erased, the metadata kept.
 * Only Pre-Active, Deactivated and Compromised objects can be destroyed; an Active one must
 * be revoked first. Destroyed / Destroyed Compromised follow; Destroy Date = now.
 */
export const destroy: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.Destroy);
  if (isDestroyed(obj.state)) throw new KmipError(ResultReason.ObjectDestroyed, `object ${id} is already destroyed`);
  if (obj.state === State.Active) throw wrongState("an Active object must be revoked before it is destroyed");
  obj.state = obj.state === State.Compromised ? State.DestroyedCompromised : State.Destroyed;
  obj.value = null;
  obj.attrs.set(dateAttr.destroy, ttlv.date(Tag.DestroyDate, nowSeconds(ctx)));
  await saveChange(ctx, obj, "kmip.Destroy");
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  return out;
};
