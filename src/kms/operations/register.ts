import { type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { ObjectType } from "../../ttlv/enums.js";
import { Tag } from "../../ttlv/tags.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { asStruct, find, req } from "../../kmip/read.js";
import type { Attr } from "../../kmip/attributes/attribute.js";
import { decodeRequestAttributes } from "../../kmip/attributes/attribute-wire.js";
import { readKeyBlock } from "../key-block.js";
import { createObject, digestOf } from "../new-object.js";
import { checkSymmetric } from "../symmetric-algorithms.js";
import type { OperationHandler } from "./operation.js";

/** The object structure tag each registrable Object Type carries (KMIP 1.4 §2.2). */
const objectTags: ReadonlyMap<number, number> = new Map([
  [ObjectType.SymmetricKey, Tag.SymmetricKey],
  [ObjectType.SecretData, Tag.SecretData],
  [ObjectType.OpaqueObject, Tag.OpaqueObject],
]);

/**
 * Register (KMIP 1.4 §4.3 / 2.1 §6.1.41): stores a client-supplied Symmetric Key, Secret
 * Data or Opaque Object. Algorithm and length attributes are taken from the Key Block when
 * the client did not give them; the Digest is computed over the supplied material.
 */
export const register: OperationHandler = async (ctx, payload) => {
  const objectType = req.enum(payload, Tag.ObjectType);
  const tag = objectTags.get(objectType);
  if (tag === undefined) throw kmipError.invalidField("Register supports Symmetric Key, Secret Data and Opaque Object");
  const raw = find(payload, tag);
  if (raw === undefined) throw kmipError.invalidField("the object does not match the Object Type");
  const value = asStruct(raw);
  const attrs = decodeRequestAttributes(payload, Tag.TemplateAttribute);
  const derived = objectType === ObjectType.OpaqueObject ? opaqueDerived(value) : keyDerived(objectType, value);
  const obj = await createObject(
    ctx,
    { objectType, clientAttrs: attrs, value, derived, generated: false },
    "kmip.Register",
  );
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, obj.id)];
  return out;
};

function keyDerived(objectType: number, value: StructureItem): Attr[] {
  const kb = readKeyBlock(req.struct(value, Tag.KeyBlock));
  const out: Attr[] = [{ name: "Digest", value: digestOf(kb.material, kb.keyFormatType) }];
  if (objectType === ObjectType.SymmetricKey) {
    if (kb.algorithm === undefined || kb.length === undefined) {
      throw kmipError.invalidField("a Symmetric Key's Key Block needs Cryptographic Algorithm and Length");
    }
    checkSymmetric(kb.algorithm, kb.length);
    if (kb.material.length * 8 !== kb.length && !(kb.length === 168 && kb.material.length === 24)) {
      throw kmipError.invalidField("Cryptographic Length does not match the key material");
    }
  }
  if (kb.algorithm !== undefined) {
    out.push({ name: "Cryptographic Algorithm", value: ttlv.enum(Tag.CryptographicAlgorithm, kb.algorithm) });
  }
  if (kb.length !== undefined) {
    out.push({ name: "Cryptographic Length", value: ttlv.int(Tag.CryptographicLength, kb.length) });
  }
  return out;
}

function opaqueDerived(value: StructureItem): Attr[] {
  req.enum(value, Tag.OpaqueDataType);
  const data = req.bytes(value, Tag.OpaqueDataValue);
  return [{ name: "Digest", value: digestOf(data, 0x01) }];
}
