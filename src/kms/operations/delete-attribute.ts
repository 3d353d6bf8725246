import { decodeAttribute2, decodeAttributeReference, encodeAttribute1 } from "../../kmip/attributes/attribute-wire.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { find, opt, req } from "../../kmip/read.js";
import { isV2 } from "../../kmip/version.js";
import { Operation, ResultReason } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { checkEditable } from "../attribute-rules.js";
import { saveChange } from "../save-change.js";
import { instanceIndex } from "./modify-attribute.js";
import type { OperationHandler } from "./operation.js";

/**
 * Delete Attribute (KMIP 1.4 §4.16 / 2.1 §6.1.11): removes one instance. 1.x names it by
 * Attribute Name and Attribute Index (default 0) and answers with the deleted attribute;
 * 2.x by Current Attribute (that value) or Attribute Reference (every instance).
 */
export const deleteAttribute: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.DeleteAttribute);
  let name: string;
  let index: number | undefined;
  if (isV2(ctx.version)) {
    const current = opt.struct(payload, Tag.CurrentAttribute);
    const ref = find(payload, Tag.AttributeReference);
    if (current !== undefined) {
      const cur = current.value[0];
      if (cur === undefined) throw kmipError.missingData("Current Attribute is empty");
      const attr = decodeAttribute2(cur);
      name = attr.name;
      index = instanceIndex(obj, attr);
    } else if (ref !== undefined) {
      name = decodeAttributeReference(ref);
    } else {
      throw kmipError.missingData("Current Attribute or Attribute Reference is required");
    }
  } else {
    name = req.text(payload, Tag.AttributeName);
    index = opt.int(payload, Tag.AttributeIndex) ?? 0;
  }
  checkEditable(obj, { name }, "delete");
  const removedValue = index === undefined ? undefined : obj.attrs.getAll(name)[index];
  if (!obj.attrs.has(name)) throw new KmipError(ResultReason.AttributeNotFound, `${name} is not set`);
  if (obj.attrs.remove(name, index) === 0) {
    throw new KmipError(ResultReason.AttributeInstanceNotFound, `${name} has no instance ${index}`);
  }
  await saveChange(ctx, obj, "kmip.DeleteAttribute", { attribute: name });
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  if (!isV2(ctx.version) && removedValue !== undefined) {
    out.push(encodeAttribute1({ name, value: removedValue }, index !== undefined && index > 0 ? index : undefined));
  }
  return out;
};
