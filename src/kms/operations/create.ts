import type { Attr } from "../../kmip/attributes/attribute.js";
import { decodeRequestAttributes } from "../../kmip/attributes/attribute-wire.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { req } from "../../kmip/read.js";
import { KeyFormatType, ObjectType } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { rawKeyBlock } from "../key-block.js";
import { createObject, digestOf } from "../new-object.js";
import { generateSymmetric } from "../symmetric-algorithms.js";
import type { OperationHandler } from "./operation.js";

/**
 * Create (KMIP 1.4 §4.1 / 2.1 §6.1.8): generates a new Symmetric Key from the given
 * attributes (Template-Attribute in 1.x, Attributes in 2.x). Cryptographic Algorithm and
 * Cryptographic Length are required; the new object starts Pre-Active unless an
 * Activation Date already passed.
 */
export const create: OperationHandler = async (ctx, payload) => {
  const objectType = req.enum(payload, Tag.ObjectType);
  if (objectType !== ObjectType.SymmetricKey) {
    throw kmipError.invalidField("Create makes Symmetric Keys; use Create Key Pair or Register for other objects");
  }
  const attrs = decodeRequestAttributes(payload, Tag.TemplateAttribute);
  const algorithm = single(attrs, "Cryptographic Algorithm");
  const length = single(attrs, "Cryptographic Length");
  if (algorithm === undefined) throw kmipError.invalidField("Cryptographic Algorithm is required");
  if (length === undefined) throw kmipError.invalidField("Cryptographic Length is required");
  const material = generateSymmetric(algorithm, length);
  const derived: Attr[] = [{ name: "Digest", value: digestOf(material, KeyFormatType.Raw) }];
  const obj = await createObject(
    ctx,
    {
      objectType,
      clientAttrs: attrs,
      value: ttlv.struct(Tag.SymmetricKey, [rawKeyBlock(material, algorithm, length)]),
      derived,
      generated: true,
    },
    "kmip.Create",
  );
  material.fill(0);
  const out: TtlvItem[] = [ttlv.enum(Tag.ObjectType, objectType), ttlv.text(Tag.UniqueIdentifier, obj.id)];
  return out;
};

function single(attrs: readonly Attr[], name: string): number | undefined {
  const a = attrs.find((x) => x.name === name);
  if (a === undefined) return undefined;
  if (a.value.type !== 2 && a.value.type !== 5) throw kmipError.invalidField(`${name}: wrong type`);
  return a.value.value;
}
