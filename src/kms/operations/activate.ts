import { Operation, State } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { nowSeconds } from "../context.js";
import { dateAttr, wrongState } from "../lifecycle.js";
import { saveChange } from "../save-change.js";
import type { OperationHandler } from "./operation.js";

/**
 * Activate (KMIP 1.4 §4.19 / 2.1 §6.1.2): Pre-Active -> Active, Activation Date = now.
 * Any other state is Wrong Key Lifecycle State (Permission Denied in 1.x).
 */
export const activate: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.Activate);
  if (obj.state !== State.PreActive) throw wrongState("only a Pre-Active object can be activated");
  obj.state = State.Active;
  obj.attrs.set(dateAttr.activation, ttlv.date(Tag.ActivationDate, nowSeconds(ctx)));
  await saveChange(ctx, obj, "kmip.Activate");
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  return out;
};
