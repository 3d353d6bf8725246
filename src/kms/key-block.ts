import { kmipError } from "../kmip/kmip-error.js";
import { find, opt, req } from "../kmip/read.js";
import { encodeTtlv } from "../ttlv/encode.js";
import { KeyFormatType } from "../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";

/**
 * Key Block (KMIP 1.4 §2.1.3): Key Format Type, optional Key Compression Type, Key Value
 * (Key Material + optional attributes, or a wrapped Byte String), Cryptographic Algorithm,
 * Cryptographic Length, optional Key Wrapping Data.
 */
export interface KeyBlockFields {
  readonly keyFormatType: number;
  readonly material: Uint8Array;
  readonly algorithm: number | undefined;
  readonly length: number | undefined;
}

export function rawKeyBlock(
  material: Uint8Array,
  algorithm: number | undefined,
  length: number | undefined,
): StructureItem {
  const v: TtlvItem[] = [
    ttlv.enum(Tag.KeyFormatType, KeyFormatType.Raw),
    ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, material)]),
  ];
  if (algorithm !== undefined) v.push(ttlv.enum(Tag.CryptographicAlgorithm, algorithm));
  if (length !== undefined) v.push(ttlv.int(Tag.CryptographicLength, length));
  return ttlv.struct(Tag.KeyBlock, v);
}

/**
 * Reads a Key Block. `material` is the Key Material bytes (Raw, Opaque, PKCS#1, PKCS#8, ...),
 * the Key of a Transparent Symmetric Key, or for other transparent formats (structured
 * Key Material) its TTLV encoding, which is what the Digest is computed over.
 */
export function readKeyBlock(keyBlock: StructureItem): KeyBlockFields {
  if (find(keyBlock, Tag.KeyWrappingData) !== undefined) {
    throw kmipError.featureNotSupported("wrapped key blocks are not supported yet");
  }
  const keyFormatType = req.enum(keyBlock, Tag.KeyFormatType);
  const keyValue = find(keyBlock, Tag.KeyValue);
  if (keyValue === undefined) throw kmipError.missingData("Key Value is required");
  let material: Uint8Array;
  if (keyValue.type === 8) {
    material = keyValue.value;
  } else if (keyValue.type === 1) {
    const km = find(keyValue, Tag.KeyMaterial);
    if (km === undefined) throw kmipError.missingData("Key Material is required");
    if (km.type === 8) material = km.value;
    else if (km.type === 1 && keyFormatType === KeyFormatType.TransparentSymmetricKey)
      material = req.bytes(km, Tag.Key);
    else if (km.type === 1) material = encodeTtlv(km);
    else throw kmipError.invalidField("Key Material has the wrong item type");
  } else {
    throw kmipError.invalidField("Key Value has the wrong item type");
  }
  return {
    keyFormatType,
    material,
    algorithm: opt.enum(keyBlock, Tag.CryptographicAlgorithm),
    length: opt.int(keyBlock, Tag.CryptographicLength),
  };
}

/** Re-encodes symmetric material in the requested Key Format Type (Raw or Transparent Symmetric Key). */
export function symmetricKeyBlockAs(fields: KeyBlockFields, format: number): StructureItem {
  if (format === KeyFormatType.Raw) return rawKeyBlock(fields.material, fields.algorithm, fields.length);
  if (format === KeyFormatType.TransparentSymmetricKey) {
    const v: TtlvItem[] = [
      ttlv.enum(Tag.KeyFormatType, KeyFormatType.TransparentSymmetricKey),
      ttlv.struct(Tag.KeyValue, [ttlv.struct(Tag.KeyMaterial, [ttlv.bytes(Tag.Key, fields.material)])]),
    ];
    if (fields.algorithm !== undefined) v.push(ttlv.enum(Tag.CryptographicAlgorithm, fields.algorithm));
    if (fields.length !== undefined) v.push(ttlv.int(Tag.CryptographicLength, fields.length));
    return ttlv.struct(Tag.KeyBlock, v);
  }
  throw kmipError.keyFormatNotSupported("symmetric keys are served as Raw or Transparent Symmetric Key");
}
