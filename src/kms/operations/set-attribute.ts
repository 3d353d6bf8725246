import { decodeAttribute2 } from "../../kmip/attributes/attribute-wire.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { req } from "../../kmip/read.js";
import { Operation, ResultReason } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { checkEditable } from "../attribute-rules.js";
import { checkUniqueNames } from "../new-object.js";
import { saveChange } from "../save-change.js";
import type { OperationHandler } from "./operation.js";

/**
 * Set Attribute (KMIP 2.0+, 2.1 §6.1.51): "If the object did not have any instances of the
 * attribute, one is created. If the object had exactly one instance, then it is modified. If it
 * has more than one instance an error is raised" (Multi Valued Attribute; such instances are
 * edited with Add/Modify/Delete Attribute). A Name may be set to the value it has.
 */
export const setAttribute: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.SetAttribute);
  const first = req.struct(payload, Tag.NewAttribute).value[0];
  if (first === undefined) throw kmipError.missingData("New Attribute is empty");
  const attr = decodeAttribute2(first);
  const instances = obj.attrs.getAll(attr.name).length;
  if (instances > 1) {
    throw new KmipError(
      ResultReason.MultiValuedAttribute,
      `the object has ${instances} instances of ${attr.name}; use Modify Attribute`,
    );
  }
  checkEditable(obj, attr, instances > 0 ? "modify" : "add");
  // The one instance replaced may be the object's own Name.
  await checkUniqueNames(ctx, obj.owner, [attr], id);
  obj.attrs.set(attr.name, attr.value);
  await saveChange(ctx, obj, "kmip.SetAttribute", { attribute: attr.name });
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  return out;
};
