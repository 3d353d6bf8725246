import type { Attr } from "../../kmip/attributes/attribute.js";
import { decodeAttribute1, decodeAttribute2, encodeAttribute1 } from "../../kmip/attributes/attribute-wire.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { find, opt, req } from "../../kmip/read.js";
import { isV2 } from "../../kmip/version.js";
import { Operation, ResultReason } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { checkEditable } from "../attribute-rules.js";
import type { ManagedObject } from "../managed-object.js";
import { checkUniqueNames } from "../new-object.js";
import { valueKey } from "../object-repo.js";
import { saveChange } from "../save-change.js";
import type { OperationHandler } from "./operation.js";

/**
 * Modify Attribute (KMIP 1.4 §4.15 / 2.1 §6.1.34): replaces an existing instance. 1.x names
 * it by Attribute Index (default 0); 2.x by Current Attribute value, else "if there is only a
 * single instance of the Attribute it SHALL be selected ..., and if there are multiple
 * instances of the Attribute an error SHALL be returned" (2.1 §6.1.34).
 */
export const modifyAttribute: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.ModifyAttribute);
  let attr: Attr;
  let index: number | undefined;
  if (isV2(ctx.version)) {
    attr = decodeAttribute2(first(req.struct(payload, Tag.NewAttribute).value));
    const current = opt.struct(payload, Tag.CurrentAttribute);
    if (current !== undefined) index = instanceIndex(obj, decodeAttribute2(first(current.value)));
  } else {
    const d = decodeAttribute1(find(payload, Tag.Attribute) ?? first([]));
    attr = d;
    index = d.index ?? 0;
  }
  checkEditable(obj, attr, "modify");
  if (!obj.attrs.has(attr.name)) throw new KmipError(ResultReason.AttributeNotFound, `${attr.name} is not set`);
  index ??= onlyInstance(obj, attr.name);
  checkOwnNames(obj, attr, index);
  // The object's own Names are no duplicates of the one modified (checkOwnNames covers them).
  await checkUniqueNames(ctx, obj.owner, [attr], id);
  if (!obj.attrs.replaceAt(attr.name, index, attr.value)) {
    throw new KmipError(ResultReason.AttributeInstanceNotFound, `${attr.name} has no instance ${index}`);
  }
  await saveChange(ctx, obj, "kmip.ModifyAttribute", { attribute: attr.name });
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  if (!isV2(ctx.version)) out.push(encodeAttribute1(attr, index > 0 ? index : undefined));
  return out;
};

/**
 * A Name modified may keep its value, but may not take that of another of the object's Names:
 * one object holds a Name once, as Add Attribute of a Name it has is refused (Non Unique Name
 * Attribute, KMIP 2.1 §6.1.34.1).
 */
function checkOwnNames(obj: ManagedObject, attr: Attr, index: number): void {
  if (attr.name !== "Name") return;
  const key = valueKey(attr.value);
  if (obj.attrs.getAll("Name").some((v, i) => i !== index && valueKey(v) === key)) {
    throw new KmipError(ResultReason.NonUniqueNameAttribute, "the object has this Name already");
  }
}

/** The single instance of `name` (index 0), for a 2.x Modify Attribute without Current Attribute. */
function onlyInstance(obj: ManagedObject, name: string): number {
  const count = obj.attrs.getAll(name).length;
  if (count > 1) {
    throw kmipError.invalidField(
      `the object has ${count} instances of ${name}: name the one to modify with Current Attribute`,
    );
  }
  return 0;
}

export function instanceIndex(obj: ManagedObject, current: Attr): number {
  const key = valueKey(current.value);
  const i = obj.attrs.getAll(current.name).findIndex((v) => valueKey(v) === key);
  if (i < 0) throw new KmipError(ResultReason.AttributeInstanceNotFound, `no ${current.name} with that value`);
  return i;
}

function first(items: readonly TtlvItem[]): TtlvItem {
  const f = items[0];
  if (f === undefined) throw kmipError.missingData("an attribute is required");
  return f;
}
