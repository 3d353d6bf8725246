import { decodeRequestAttributes } from "../../kmip/attributes/attribute-wire.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { find } from "../../kmip/read.js";
import { Operation } from "../../ttlv/enums.js";
import { ItemType, type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { replaceSymmetricKey } from "../rotation/replace-key.js";
import type { OperationHandler } from "./operation.js";

/**
 * Re-key (KMIP 1.4 §4.4 / 2.1 §6.1.46). Request: Unique Identifier (else the ID
 * Placeholder), optional Offset (Interval), optional Template-Attribute (1.x) / Attributes
 * (2.x). Response: the Unique Identifier of the replacement Symmetric Key, which also
 * becomes the ID Placeholder. The work is done by replaceSymmetricKey.
 */
export const rekey: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const offset = intervalOf(payload, Tag.Offset);
  const template = decodeRequestAttributes(payload, Tag.TemplateAttribute);
  const old = await loadAuthorized(ctx, id, Operation.ReKey);
  const created = await replaceSymmetricKey(ctx, old, { offset, template, action: "kmip.ReKey" });
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, created.id)];
  return out;
};

function intervalOf(payload: StructureItem, tag: number): number | undefined {
  const item = find(payload, tag);
  if (item === undefined) return undefined;
  if (item.type !== ItemType.Interval) throw kmipError.invalidField("Offset must be an Interval");
  return item.value;
}
