import { decodeAttribute2 } from "../../kmip/attributes/attribute-wire.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { req } from "../../kmip/read.js";
import { Operation, ResultReason } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { checkEditable, isMultiInstance } from "../attribute-rules.js";
import { checkUniqueNames } from "../new-object.js";
import { saveChange } from "../save-change.js";
import type { OperationHandler } from "./operation.js";

/**
 * Set Attribute (KMIP 2.0+, 2.1 §6.1.52): sets a single-valued attribute, adding it or
 * replacing its value. Multi-instance attributes are edited with Add/Modify/Delete.
 */
export const setAttribute: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.SetAttribute);
  const first = req.struct(payload, Tag.NewAttribute).value[0];
  if (first === undefined) throw kmipError.missingData("New Attribute is empty");
  const attr = decodeAttribute2(first);
  if (isMultiInstance(attr.name)) {
    throw new KmipError(ResultReason.MultiValuedAttribute, `${attr.name} is multi-valued; use Add/Modify Attribute`);
  }
  checkEditable(obj, attr, obj.attrs.has(attr.name) ? "modify" : "add");
  obj.attrs.set(attr.name, attr.value);
  await checkUniqueNames(ctx, obj.owner, [attr]);
  await saveChange(ctx, obj, "kmip.SetAttribute", { attribute: attr.name });
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  return out;
};
