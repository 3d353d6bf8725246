import { decodeAttribute1, decodeAttribute2, encodeAttribute1 } from "../../kmip/attributes/attribute-wire.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { find, req } from "../../kmip/read.js";
import { isV2 } from "../../kmip/version.js";
import { Operation, ResultReason } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { checkEditable, isMultiInstance } from "../attribute-rules.js";
import { checkUniqueNames } from "../new-object.js";
import { saveChange } from "../save-change.js";
import type { OperationHandler } from "./operation.js";

/**
 * Add Attribute (KMIP 1.4 §4.14 / 2.1 §6.1.3): adds a new instance. A single-instance
 * attribute that already exists cannot be added again (Attribute Single Valued). 1.x answers
 * with the attribute and the index it got.
 */
export const addAttribute: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.AddAttribute);
  const attr = isV2(ctx.version)
    ? decodeAttribute2(req.struct(payload, Tag.NewAttribute).value[0] ?? missing())
    : decodeAttribute1(find(payload, Tag.Attribute) ?? missing());
  checkEditable(obj, attr, "add");
  await checkUniqueNames(ctx, obj.owner, [attr]);
  if (obj.attrs.has(attr.name) && !isMultiInstance(attr.name)) {
    throw new KmipError(ResultReason.AttributeSingleValued, `${attr.name} already has a value`);
  }
  const index = obj.attrs.getAll(attr.name).length;
  obj.attrs.add(attr.name, attr.value);
  await saveChange(ctx, obj, "kmip.AddAttribute", { attribute: attr.name });
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  if (!isV2(ctx.version)) out.push(encodeAttribute1(attr, index > 0 ? index : undefined));
  return out;
};

function missing(): never {
  throw kmipError.missingData("the attribute to add is required");
}
