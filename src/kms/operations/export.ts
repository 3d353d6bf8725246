import { encodeAttributes } from "../../kmip/attributes/attribute-wire.js";
import { find } from "../../kmip/read.js";
import { Operation } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { attributeView } from "../attribute-view.js";
import { isDestroyed } from "../lifecycle.js";
import { get } from "./get.js";
import type { OperationHandler } from "./operation.js";

/**
 * Export (KMIP 2.1 §6.1.18, 1.4 §4.38): "returns a Managed Object specified by its Unique
 * Identifier, together with its attributes. The Key Format Type, Key Wrap Type, Key Compression
 * Type and Key Wrapping Specification SHALL have the same semantics as for the Get operation. If
 * the Managed Object has been Destroyed then the key material for the specified managed object
 * SHALL not be returned in the response." Response: Object Type, Unique Identifier, Attributes
 * (1.x: Attribute items), the object as Get returns it. The object value is produced by Get itself.
 * Every Export is audited (whether key material left the server, and whether it was wrapped).
 */
export const exportObject: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const before = await loadAuthorized(ctx, id, Operation.Export);
  let objectValue: TtlvItem[] = [];
  if (!isDestroyed(before.state) && before.value !== null) {
    const got = await get(ctx, payload);
    objectValue = got.slice(2);
  }
  const obj = await loadAuthorized(ctx, id, Operation.Export);
  const wrapping = find(payload, Tag.KeyWrappingSpecification);
  await ctx.tx.audit({
    actor: ctx.identity,
    action: "kmip.Export",
    objectId: id,
    details: { value: objectValue.length > 0, wrapped: wrapping !== undefined },
  });
  ctx.idPlaceholder = id;
  const out: TtlvItem[] = [
    ttlv.enum(Tag.ObjectType, obj.objectType),
    ttlv.text(Tag.UniqueIdentifier, id),
    ...encodeAttributes(attributeView(obj), ctx.version, false),
    ...objectValue,
  ];
  return out;
};
