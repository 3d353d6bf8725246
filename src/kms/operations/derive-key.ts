import type { Attr } from "../../kmip/attributes/attribute.js";
import { decodeRequestAttributes } from "../../kmip/attributes/attribute-wire.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { findAll, opt, req } from "../../kmip/read.js";
import { KeyFormatType, LinkType, ObjectType, Operation, ResultReason, SecretDataType } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { CryptographicUsageMask } from "../../ttlv/masks.js";
import { Tag } from "../../ttlv/tags.js";
import { symmetricKeyOf } from "../crypto/cipher-operation.js";
import { derivationObjectParams } from "../crypto/derivation-params.js";
import { derive } from "../crypto/derive.js";
import { type KeyUse, loadKeyForUse } from "../crypto/key-use.js";
import { rawKeyBlock } from "../key-block.js";
import { createObject, digestOf } from "../new-object.js";
import { saveChange } from "../save-change.js";
import type { OperationHandler } from "./operation.js";

const deriveUse: KeyUse = {
  operation: Operation.DeriveKey,
  usage: CryptographicUsageMask.DeriveKey,
  direction: "apply",
  objectTypes: [ObjectType.SymmetricKey, ObjectType.SecretData],
  what: "derive keys",
};

function link(type: number, id: string): TtlvItem {
  return ttlv.struct(Tag.Link, [ttlv.enum(Tag.LinkType, type), ttlv.text(Tag.LinkedObjectIdentifier, id)]);
}

function numeric(attrs: readonly Attr[], name: string): number | undefined {
  const a = attrs.find((x) => x.name === name);
  return a?.value.type === 2 || a?.value.type === 5 ? a.value.value : undefined;
}

/**
 * Derive Key (KMIP 1.4 §4.6, 2.1 §6.1.14): derives a Symmetric Key or Secret Data object from
 * one base object that has the Derive Key usage bit ("The request SHALL only apply to Managed
 * Objects that have the Derive Key bit set"), with the method and Derivation Parameters given
 * (see crypto/derive.ts) and the base object's Cryptographic Parameters (KMIP 1.x: the request's
 * must match one of them, see crypto/derivation-params.ts), registers it as a new object, and links both ways: Derivation Base
 * Object on the new object, Derived Key on the base. The ID Placeholder is not used for the
 * base ("the current value of the ID Placeholder SHALL NOT be used").
 */
export const deriveKey: OperationHandler = async (ctx, payload) => {
  const objectType = req.enum(payload, Tag.ObjectType);
  if (objectType !== ObjectType.SymmetricKey && objectType !== ObjectType.SecretData) {
    throw new KmipError(ResultReason.InvalidObjectType, "Derive Key makes Symmetric Keys or Secret Data");
  }
  const ids = findAll(payload, Tag.UniqueIdentifier).map((i) => {
    if (i.type !== 7) throw kmipError.invalidField("Unique Identifier: wrong item type");
    return i.value;
  });
  if (ids.length === 0) throw kmipError.missingData("the Unique Identifier of the base object is required");
  if (ids.length > 1) throw kmipError.featureNotSupported("derivation from more than one object is not supported");
  const method = req.enum(payload, Tag.DerivationMethod);
  const parameters = opt.struct(payload, Tag.DerivationParameters);
  const attrs = decodeRequestAttributes(payload, Tag.TemplateAttribute);
  const bits = numeric(attrs, "Cryptographic Length");
  const algorithm = numeric(attrs, "Cryptographic Algorithm");
  if (bits === undefined || bits % 8 !== 0) {
    throw kmipError.invalidField("Cryptographic Length (a multiple of 8 bits) is required");
  }
  if (objectType === ObjectType.SymmetricKey && algorithm === undefined) {
    throw kmipError.invalidField("Cryptographic Algorithm is required to derive a Symmetric Key");
  }
  const baseId = ids[0] as string;
  const base = await loadKeyForUse(ctx, baseId, deriveUse);
  const { key, algorithm: baseAlgorithm } = symmetricKeyOf(base);
  const requested = parameters === undefined ? undefined : opt.struct(parameters, Tag.CryptographicParameters);
  const material = derive({
    method,
    key,
    algorithm: baseAlgorithm,
    objectParams: derivationObjectParams(ctx.version, method, requested, base),
    prfFromObject: ctx.version.major < 2,
    parameters,
    lengthBytes: bits / 8,
  });
  const keyBlock = rawKeyBlock(material, algorithm, objectType === ObjectType.SymmetricKey ? bits : undefined);
  const value =
    objectType === ObjectType.SymmetricKey
      ? ttlv.struct(Tag.SymmetricKey, [keyBlock])
      : ttlv.struct(Tag.SecretData, [ttlv.enum(Tag.SecretDataType, SecretDataType.Seed), keyBlock]);
  const obj = await createObject(
    ctx,
    {
      objectType,
      clientAttrs: attrs,
      value,
      derived: [
        { name: "Digest", value: digestOf(material, KeyFormatType.Raw) },
        { name: "Link", value: link(LinkType.DerivationBaseObjectLink, baseId) },
      ],
      generated: false,
    },
    "kmip.DeriveKey",
  );
  material.fill(0);
  base.attrs.add("Link", link(LinkType.DerivedKeyLink, obj.id));
  await saveChange(ctx, base, "kmip.DeriveKey.base", { derived: obj.id });
  ctx.idPlaceholder = obj.id;
  return [ttlv.text(Tag.UniqueIdentifier, obj.id)];
};
