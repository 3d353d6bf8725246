import { decodeAttributeReference, encodeAttributes } from "../../kmip/attributes/attribute-wire.js";
import { Operation } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { attributeView, selectAttributes } from "../attribute-view.js";
import type { OperationHandler } from "./operation.js";

/**
 * Get Attributes (KMIP 1.4 §4.12 / 2.1 §6.1.23): the named attributes (Attribute Name in 1.x,
 * Attribute Reference in 2.x) or, when none is named, all of them. 1.x answers with Attribute
 * items, 2.x with one Attributes structure.
 */
export const getAttributes: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.GetAttributes);
  const names: string[] = [];
  for (const c of payload.value) {
    if (c.tag === Tag.AttributeName && c.type === 7) names.push(c.value);
    else if (c.tag === Tag.AttributeReference) names.push(decodeAttributeReference(c));
  }
  const view = attributeView(obj);
  const chosen = names.length === 0 ? view : selectAttributes(view, names);
  ctx.idPlaceholder = id;
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id), ...encodeAttributes(chosen, ctx.version, true)];
  return out;
};
