import { attributeInVersion, encodeAttributeReference } from "../../kmip/attributes/attribute-wire.js";
import { isV2 } from "../../kmip/version.js";
import { Operation } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { attributeView } from "../attribute-view.js";
import type { OperationHandler } from "./operation.js";

/**
 * Get Attribute List (KMIP 1.4 §4.13 / 2.1 §6.1.22): the names (1.x Attribute Name) or
 * references (2.x Attribute Reference) of the attributes the object has, each once.
 */
export const getAttributeList: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.GetAttributeList);
  const names: string[] = [];
  for (const a of attributeView(obj)) {
    if (!names.includes(a.name) && attributeInVersion(a.name, ctx.version)) names.push(a.name);
  }
  ctx.idPlaceholder = id;
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  for (const n of names) {
    out.push(isV2(ctx.version) ? encodeAttributeReference(n) : ttlv.text(Tag.AttributeName, n));
  }
  return out;
};
