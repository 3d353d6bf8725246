import { encodeAttributes } from "../../kmip/attributes/attribute-wire.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { find, opt, req } from "../../kmip/read.js";
import { decodeTtlv } from "../../ttlv/decode.js";
import { encodeTtlv } from "../../ttlv/encode.js";
import { EncodingOption, LinkType, ObjectType, ResultReason } from "../../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { CryptographicUsageMask } from "../../ttlv/masks.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized } from "../access.js";
import { attributeView, selectAttributes } from "../attribute-view.js";
import type { RequestContext } from "../context.js";
import { type KeyUse, loadKeyForUse } from "../crypto/key-use.js";
import { type CryptoParams, readParams } from "../crypto/params.js";
import type { ManagedObject } from "../managed-object.js";
import { checkMacOrSignature, decryptWith, encryptWith, macOrSign } from "./wrap-crypto.js";
import { keyInformation, stepsOf, tableOrder } from "./wrapping-method.js";

/**
 * Key wrapping (KMIP 1.4 §2.1.5 Key Wrapping Data, §2.1.6 Key Wrapping Specification; 2.1 §3.3,
 * §7.18). "If wrapping is used, then the whole Key Value structure is wrapped unless otherwise
 * specified by the Wrapping Method. The algorithms used for wrapping are given by the Cryptographic
 * Algorithm attributes of the encryption key and/or MAC/signature key; the block-cipher mode, padding
 * method, and hashing algorithm used for wrapping are given by the Cryptographic Parameters in the
 * Encryption Key Information and/or MAC/Signature Key Information, or, if not present, from the
 * Cryptographic Parameters attribute of the respective key(s)."
 *
 * Encryption: AES Key Wrap (RFC 3394, Block Cipher Mode NISTKeyWrap) and AES Key Wrap with Padding
 * (RFC 5649, Block Cipher Mode AESKeyWrapPadding) with a symmetric key; RSA-OAEP (or PKCS#1 v1.5)
 * with an RSA public key (unwrapping with its private key). MAC/sign: HMAC with a symmetric key or a
 * signature with a private key, over the encoded Key Value (MAC/sign, MAC/sign then encrypt) or over
 * the wrapped bytes (Encrypt then MAC/sign). TR-31 is not implemented (Feature Not Supported).
 *
 * Encoding Option (1.4 §9.1.3.2.32): TTLV Encoding (the default: "If not present, the wrapped Key
 * Value structure SHALL be TTLV encoded") wraps the TTLV encoding of the Key Value structure; No
 * Encoding wraps the Key Material Byte String only.
 */

type Role = "wrap" | "unwrap" | "mac" | "verify";

const roles: Readonly<Record<Role, { usage: number; direction: "apply" | "process"; types: number[]; what: string }>> =
  {
    wrap: {
      usage: CryptographicUsageMask.WrapKey,
      direction: "apply",
      types: [ObjectType.SymmetricKey, ObjectType.PublicKey],
      what: "wrap keys",
    },
    unwrap: {
      usage: CryptographicUsageMask.UnwrapKey,
      direction: "process",
      types: [ObjectType.SymmetricKey, ObjectType.PrivateKey],
      what: "unwrap keys",
    },
    mac: {
      usage: CryptographicUsageMask.MACGenerate | CryptographicUsageMask.Sign,
      direction: "apply",
      types: [ObjectType.SymmetricKey, ObjectType.PrivateKey],
      what: "MAC or sign wrapped keys",
    },
    verify: {
      usage: CryptographicUsageMask.MACVerify | CryptographicUsageMask.Verify,
      direction: "process",
      types: [ObjectType.SymmetricKey, ObjectType.PublicKey],
      what: "verify the MAC or signature of wrapped keys",
    },
  };

function isV2(ctx: RequestContext): boolean {
  return ctx.version.major >= 2;
}

/**
 * Loads the key named in Encryption or MAC/Signature Key Information for `role`. Errors follow KMIP
 * 1.4 §11.12 Get / §11.41 Export ("Wrapping key does not exist" -> Item Not Found; "exists, but it is
 * not a key" -> Illegal Operation; "not able to be used for wrapping" -> Permission Denied) and their
 * 2.x counterparts (2.1 §6.1.19.1: Wrapping Object Not Found, Wrapping Object Destroyed, Invalid
 * Object Type, Incompatible Cryptographic Usage Mask, Wrong Key Lifecycle State).
 */
async function loadRoleKey(ctx: RequestContext, id: string, role: Role, operation: number): Promise<ManagedObject> {
  const r = roles[role];
  const use: KeyUse = { operation, usage: r.usage, direction: r.direction, objectTypes: r.types, what: r.what };
  try {
    return await loadKeyForUse(ctx, id, use);
  } catch (e) {
    if (!(e instanceof KmipError)) throw e;
    const v2 = isV2(ctx);
    switch (e.reason) {
      case ResultReason.ObjectNotFound:
        throw new KmipError(
          v2 ? ResultReason.WrappingObjectNotFound : ResultReason.ItemNotFound,
          `wrapping key ${id} not found`,
        );
      case ResultReason.ObjectDestroyed:
        throw new KmipError(
          v2 ? ResultReason.WrappingObjectDestroyed : ResultReason.PermissionDenied,
          `wrapping key ${id} is destroyed`,
        );
      case ResultReason.InvalidObjectType:
        throw new KmipError(
          v2 ? ResultReason.InvalidObjectType : ResultReason.IllegalOperation,
          `object ${id} cannot be used to ${r.what}`,
        );
      default:
        throw e;
    }
  }
}

/** Follows a Link of `type` from `obj` (Public Key -> Private Key for RSA unwrapping, and back for verifying). */
function linked(obj: ManagedObject, type: number): string | undefined {
  for (const l of obj.attrs.getAll("Link")) {
    if (l.type === 1 && opt.enum(l, Tag.LinkType) === type) return opt.text(l, Tag.LinkedObjectIdentifier);
  }
  return undefined;
}

/** The key named by Key Information for `role`, following the pair's link where the other half is named. */
async function roleKey(ctx: RequestContext, id: string, role: Role, operation: number): Promise<ManagedObject> {
  if (role === "unwrap" || role === "verify") {
    const rec = await ctx.tx.getObject(id);
    const want = role === "unwrap" ? ObjectType.PublicKey : ObjectType.PrivateKey;
    const link = role === "unwrap" ? LinkType.PrivateKeyLink : LinkType.PublicKeyLink;
    if (rec !== undefined && rec.objectType === want) {
      const other = linked(await loadAuthorized(ctx, id, operation), link);
      if (other !== undefined) return loadRoleKey(ctx, other, role, operation);
    }
  }
  return loadRoleKey(ctx, id, role, operation);
}

/** Cryptographic Parameters instances of a key (KMIP 1.4 §3.6), lowest Attribute Index first. */
function keyParams(obj: ManagedObject): CryptoParams[] {
  return obj.attrs
    .getAll("Cryptographic Parameters")
    .filter((p): p is StructureItem => p.type === 1)
    .map(readParams);
}

/**
 * KMIP 1.4 §2.1.6: "If Cryptographic Parameters are specified in the Encryption Key Information
 * and/or the MAC/Signature Key Information of the Key Wrapping Specification, then the server SHALL
 * verify that they match one of the instances of the Cryptographic Parameters attribute of the
 * corresponding key. If Cryptographic Parameters are omitted, then the server SHALL use the
 * Cryptographic Parameters attribute with the lowest Attribute Index of the corresponding key. If
 * the corresponding key does not have any Cryptographic Parameters attribute, or if no match is
 * found, then an error is returned" (1.4 §11.12: Item Not Found; 2.x: Bad Cryptographic Parameters).
 * A match means every field the request gives equals that field of the instance.
 */
function specParams(ctx: RequestContext, key: ManagedObject, requested: StructureItem | undefined): CryptoParams {
  const instances = keyParams(key);
  const fail = () =>
    new KmipError(
      isV2(ctx) ? ResultReason.BadCryptographicParameters : ResultReason.ItemNotFound,
      `the Cryptographic Parameters do not match a Cryptographic Parameters attribute of ${key.id}`,
    );
  if (requested === undefined) {
    const first = instances[0];
    if (first === undefined) throw fail();
    return first;
  }
  const want = readParams(requested);
  const entries = Object.entries(want) as [keyof CryptoParams, unknown][];
  const hit = instances.find((inst) => entries.every(([k, v]) => same(inst[k], v)));
  if (hit === undefined) throw fail();
  return { ...hit, ...want };
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(b);
  return a === b;
}

/** Key Wrapping Data on Register: the parameters given there, else the key's first Cryptographic Parameters. */
function dataParams(key: ManagedObject, given: StructureItem | undefined): CryptoParams {
  return { ...(keyParams(key)[0] ?? {}), ...readParams(given) };
}

/** Whether a Key Wrapping Specification encrypts the key (so a Sensitive key may be returned). */
export function specEncrypts(spec: StructureItem): boolean {
  return stepsOf(spec).includes("encrypt");
}

function encodingError(msg: string): KmipError {
  return new KmipError(ResultReason.EncodingOptionError, msg);
}

/**
 * Wraps the Key Block of `obj`'s returned value per a Key Wrapping Specification (Get, Export):
 * the result is a Key Block whose Key Value is the wrapped Byte String, followed by Key Wrapping
 * Data naming the keys and parameters as requested, the MAC/Signature and the Encoding Option.
 */
export async function wrapKeyBlock(
  ctx: RequestContext,
  obj: ManagedObject,
  keyBlock: StructureItem,
  spec: StructureItem,
  operation: number,
): Promise<StructureItem> {
  const steps = stepsOf(spec);
  const infos = tableOrder.filter((step) => steps.includes(step)).map((step) => keyInformation(spec, step));
  const encoding = opt.enum(spec, Tag.EncodingOption);
  const names = spec.value.filter((c) => c.tag === Tag.AttributeName && c.type === 7).map((c) => String(c.value));
  if (encoding !== undefined && encoding !== EncodingOption.NoEncoding && encoding !== EncodingOption.TTLVEncoding) {
    throw encodingError("unknown Encoding Option");
  }
  const keyValue = find(keyBlock, Tag.KeyValue);
  if (keyValue === undefined || keyValue.type !== 1) throw kmipError.missingData("the object has no Key Value");
  let plain: Uint8Array;
  if (encoding === EncodingOption.NoEncoding) {
    // 1.4 §11.12: "Encoding Option not permitted when Key Wrapping Specification contains attribute names".
    if (names.length > 0) throw encodingError("No Encoding cannot carry the attributes named");
    const km = find(keyValue, Tag.KeyMaterial);
    if (km?.type !== 8) throw encodingError("this key's Key Material is a structure: it needs TTLV Encoding");
    plain = km.value;
  } else {
    const attrs =
      names.length === 0 ? [] : encodeAttributes(selectAttributes(attributeView(obj), names), ctx.version, false);
    const kmOnly = keyValue.value.filter((c) => c.tag === Tag.KeyMaterial);
    plain = encodeTtlv(ttlv.struct(Tag.KeyValue, [...kmOnly, ...attrs]));
  }
  let out: Uint8Array = plain;
  let mac: Uint8Array | undefined;
  for (const step of steps) {
    const info = keyInformation(spec, step);
    const id = req.text(info, Tag.UniqueIdentifier);
    const key = await loadRoleKey(ctx, id, step === "encrypt" ? "wrap" : "mac", operation);
    const p = specParams(ctx, key, opt.struct(info, Tag.CryptographicParameters));
    if (step === "encrypt") out = encryptWith(ctx, key, p, out);
    else mac = macOrSign(ctx, key, p, out);
  }
  const wrappingData: TtlvItem[] = [ttlv.enum(Tag.WrappingMethod, req.enum(spec, Tag.WrappingMethod)), ...infos];
  if (mac !== undefined) wrappingData.push(ttlv.bytes(Tag.MACSignature, mac));
  if (encoding !== undefined) wrappingData.push(ttlv.enum(Tag.EncodingOption, encoding));
  const rest = keyBlock.value.filter((c) => c.tag !== Tag.KeyValue && c.tag !== Tag.KeyFormatType);
  return ttlv.struct(Tag.KeyBlock, [
    ...keyBlock.value.filter((c) => c.tag === Tag.KeyFormatType),
    ttlv.bytes(Tag.KeyValue, out),
    ...rest.filter((c) => c.tag !== Tag.KeyWrappingData),
    ttlv.struct(Tag.KeyWrappingData, wrappingData),
  ]);
}

/** Whether a Key Block carries Key Wrapping Data. */
export function isWrapped(keyBlock: StructureItem): boolean {
  return find(keyBlock, Tag.KeyWrappingData) !== undefined;
}

/**
 * Unwraps a wrapped Key Block (Register, Import with Key Wrap Type Not Wrapped): undoes the Wrapping
 * Method's steps in reverse order (verifies the MAC/Signature with the key named in MAC/Signature Key
 * Information, a Private Key being followed to its Public Key; decrypts with the key named in
 * Encryption Key Information, an RSA Public Key being followed to its Private Key), decodes per
 * Encoding Option and returns the plain Key Block. A wrong key, corrupted data or a bad MAC is
 * Cryptographic Failure.
 */
export async function unwrapKeyBlock(
  ctx: RequestContext,
  keyBlock: StructureItem,
  operation: number,
): Promise<StructureItem> {
  const data = req.struct(keyBlock, Tag.KeyWrappingData);
  const steps = stepsOf(data);
  const keyValue = find(keyBlock, Tag.KeyValue);
  if (keyValue?.type !== 8) throw kmipError.invalidField("a wrapped Key Value is a Byte String");
  let bytes: Uint8Array = keyValue.value;
  for (const step of [...steps].reverse()) {
    const info = keyInformation(data, step);
    const key = await roleKey(
      ctx,
      req.text(info, Tag.UniqueIdentifier),
      step === "encrypt" ? "unwrap" : "verify",
      operation,
    );
    const p = dataParams(key, opt.struct(info, Tag.CryptographicParameters));
    if (step === "encrypt") {
      bytes = decryptWith(ctx, key, p, bytes);
    } else {
      const mac = opt.bytes(data, Tag.MACSignature);
      if (mac === undefined) throw kmipError.missingData("MAC/Signature is required");
      checkMacOrSignature(ctx, key, p, bytes, mac);
    }
  }
  let plainValue: TtlvItem;
  if (opt.enum(data, Tag.EncodingOption) === EncodingOption.NoEncoding) {
    plainValue = ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, bytes)]);
  } else {
    try {
      plainValue = decodeTtlv(bytes);
    } catch {
      throw new KmipError(ResultReason.CryptographicFailure, "the unwrapped Key Value is not TTLV-encoded");
    }
    if (plainValue.tag !== Tag.KeyValue || plainValue.type !== 1) {
      throw new KmipError(ResultReason.CryptographicFailure, "the unwrapped data is not a Key Value structure");
    }
  }
  return ttlv.struct(
    Tag.KeyBlock,
    keyBlock.value.filter((c) => c.tag !== Tag.KeyWrappingData).map((c) => (c.tag === Tag.KeyValue ? plainValue : c)),
  );
}

/** Replaces the Key Block inside an object structure (Symmetric Key, Private Key, ...). */
export function withKeyBlock(value: StructureItem, keyBlock: StructureItem): StructureItem {
  return ttlv.struct(
    value.tag,
    value.value.map((c) => (c.tag === Tag.KeyBlock ? keyBlock : c)),
  );
}
