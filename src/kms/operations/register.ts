import type { Attr } from "../../kmip/attributes/attribute.js";
import { decodeRequestAttributes } from "../../kmip/attributes/attribute-wire.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { asStruct, find, req } from "../../kmip/read.js";
import { CertificateType, KeyFormatType, ObjectType, Operation } from "../../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { x509Attributes } from "../certificate-attributes.js";
import { readKeyBlock } from "../key-block.js";
import { asymmetricFacts } from "../keys/register-check.js";
import { createObject, digestOf } from "../new-object.js";
import { checkSymmetric } from "../symmetric-algorithms.js";
import { unwrappedValue } from "../wrap/object-value.js";
import type { OperationHandler } from "./operation.js";

/** The object structure each Object Type carries (KMIP 1.4 §2.2, 2.1 §2.2). */
export const objectTags: ReadonlyMap<number, number> = new Map([
  [ObjectType.Certificate, Tag.Certificate],
  [ObjectType.SymmetricKey, Tag.SymmetricKey],
  [ObjectType.PublicKey, Tag.PublicKey],
  [ObjectType.PrivateKey, Tag.PrivateKey],
  [ObjectType.SplitKey, Tag.SplitKey],
  [ObjectType.SecretData, Tag.SecretData],
  [ObjectType.OpaqueObject, Tag.OpaqueObject],
  [ObjectType.PGPKey, Tag.PGPKey],
]);

/**
 * Register (KMIP 1.4 §4.3 / 2.1 §6.1.41): stores a client-supplied Managed Object
 * (certificate, symmetric/public/private/split/PGP key, secret data or opaque object). The
 * Cryptographic Algorithm and Length come from the Key Block when the client did not give
 * them; the Digest is computed over the supplied key material or certificate. A wrapped Key Block
 * (with Key Wrapping Data) is unwrapped first and stored in the clear (wrap/object-value.ts).
 */
export const register: OperationHandler = async (ctx, payload) => {
  const objectType = req.enum(payload, Tag.ObjectType);
  const tag = objectTags.get(objectType);
  if (tag === undefined) throw kmipError.invalidField("this Object Type cannot be registered");
  const raw = find(payload, tag);
  if (raw === undefined) throw kmipError.invalidField("the object does not match the Object Type");
  const value = await unwrappedValue(ctx, asStruct(raw), Operation.Register);
  const attrs = decodeRequestAttributes(payload, Tag.TemplateAttribute);
  const derived =
    objectType === ObjectType.OpaqueObject
      ? opaqueDerived(value)
      : objectType === ObjectType.Certificate
        ? certificateDerived(value)
        : keyDerived(objectType, value, attrs);
  const obj = await createObject(
    ctx,
    { objectType, clientAttrs: attrs, value, derived, generated: false },
    "kmip.Register",
  );
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, obj.id)];
  return out;
};

function keyDerived(objectType: number, value: StructureItem, attrs: readonly Attr[]): Attr[] {
  const keyBlock = req.struct(value, Tag.KeyBlock);
  let kb = readKeyBlock(keyBlock);
  const out: Attr[] = [{ name: "Digest", value: digestOf(kb.material, kb.keyFormatType) }];
  if (objectType === ObjectType.SymmetricKey) {
    if (kb.algorithm === undefined || kb.length === undefined) {
      throw kmipError.invalidField("a Symmetric Key's Key Block needs Cryptographic Algorithm and Length");
    }
    checkSymmetric(kb.algorithm, kb.length);
    const rawFormat =
      kb.keyFormatType === KeyFormatType.Raw || kb.keyFormatType === KeyFormatType.TransparentSymmetricKey;
    if (rawFormat && kb.material.length * 8 !== kb.length && !(kb.length === 168 && kb.material.length === 24)) {
      throw kmipError.invalidField("Cryptographic Length does not match the key material");
    }
  }
  if (objectType === ObjectType.PublicKey || objectType === ObjectType.PrivateKey) {
    const stated = {
      algorithm: kb.algorithm ?? statedInt(attrs, "Cryptographic Algorithm"),
      length: kb.length ?? statedInt(attrs, "Cryptographic Length"),
    };
    const facts = asymmetricFacts(objectType, keyBlock, kb.keyFormatType, stated);
    if (facts !== undefined) kb = { ...kb, ...facts };
  }
  if (kb.algorithm !== undefined) {
    out.push({ name: "Cryptographic Algorithm", value: ttlv.enum(Tag.CryptographicAlgorithm, kb.algorithm) });
  }
  if (kb.length !== undefined) {
    out.push({ name: "Cryptographic Length", value: ttlv.int(Tag.CryptographicLength, kb.length) });
  }
  return out;
}

function statedInt(attrs: readonly Attr[], name: string): number | undefined {
  const v = attrs.find((a) => a.name === name)?.value;
  return v?.type === 2 || v?.type === 5 ? v.value : undefined;
}

/** Certificates (KMIP 1.4 §2.2.1): Certificate Type and Certificate Length are server-derived (1.4 §3.8-3.9). */
function certificateDerived(value: StructureItem): Attr[] {
  const type = req.enum(value, Tag.CertificateType);
  const der = req.bytes(value, Tag.CertificateValue);
  if (type !== CertificateType.X_509 && type !== CertificateType.PGP)
    throw kmipError.invalidField("unknown Certificate Type");
  return [
    { name: "Digest", value: digestOfCertificate(der) },
    { name: "Certificate Type", value: ttlv.enum(Tag.CertificateType, type) },
    { name: "Certificate Length", value: ttlv.int(Tag.CertificateLength, der.length) },
    ...(type === CertificateType.X_509 ? x509Attributes(der) : []),
  ];
}

function digestOfCertificate(der: Uint8Array): TtlvItem {
  const d = asStruct(digestOf(der, KeyFormatType.Raw));
  return ttlv.struct(
    Tag.Digest,
    d.value.filter((c) => c.tag !== Tag.KeyFormatType),
  );
}

function opaqueDerived(value: StructureItem): Attr[] {
  req.enum(value, Tag.OpaqueDataType);
  const data = req.bytes(value, Tag.OpaqueDataValue);
  return [{ name: "Digest", value: digestOfCertificate(data) }];
}
