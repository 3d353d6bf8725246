import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { find, opt } from "../../kmip/read.js";
import { KeyWrapType, ObjectType, ResultReason } from "../../ttlv/enums.js";
import type { StructureItem } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { RequestContext } from "../context.js";
import type { ManagedObject } from "../managed-object.js";
import { isWrapped, specEncrypts, unwrapKeyBlock, withKeyBlock, wrapKeyBlock } from "./key-wrap.js";

function flag(obj: ManagedObject, name: string): boolean | undefined {
  const v = obj.attrs.get(name);
  return v?.type === 6 ? v.value : undefined;
}

/**
 * The object value Get (KMIP 1.4 §4.11, 2.1 §6.1.19) and Export (2.1 §6.1.18) return, after any
 * Key Format Type conversion:
 * - Key Wrap Type (2.1 §11.29): a key stored wrapped (Import "As Registered") is returned as
 *   stored, or unwrapped when Not Wrapped is asked for;
 * - Extractable (2.1 §4.19): "If False then the server SHALL prevent the object value being
 *   retrieved" -> Not Extractable, wrapped or not;
 * - Sensitive (2.1 §4.49): "If True then the server SHALL prevent the object value being
 *   retrieved in an unwrapped form" -> Sensitive unless a Key Wrapping Specification encrypts it;
 * - Key Wrapping Specification: the Key Block is wrapped (key-wrap.ts).
 */
export async function returnedValue(
  ctx: RequestContext,
  obj: ManagedObject,
  value: StructureItem,
  payload: StructureItem,
  operation: number,
): Promise<StructureItem> {
  const spec = opt.struct(payload, Tag.KeyWrappingSpecification);
  const wrapType = opt.enum(payload, Tag.KeyWrapType);
  if (wrapType !== undefined && wrapType !== KeyWrapType.NotWrapped && wrapType !== KeyWrapType.AsRegistered) {
    throw new KmipError(ResultReason.KeyWrapTypeNotSupported, "unknown Key Wrap Type");
  }
  const keyBlock = opt.struct(value, Tag.KeyBlock);
  if (keyBlock === undefined || obj.objectType === ObjectType.OpaqueObject) {
    if (spec !== undefined) {
      throw new KmipError(ResultReason.InvalidObjectType, "only objects with a Key Block can be wrapped");
    }
    return value;
  }
  if (flag(obj, "Extractable") === false) {
    throw new KmipError(ResultReason.NotExtractable, "the key is not Extractable and cannot be returned");
  }
  let block = keyBlock;
  if (isWrapped(block)) {
    if (wrapType !== KeyWrapType.NotWrapped) {
      if (spec !== undefined) throw kmipError.featureNotSupported("the key is stored wrapped; it is not wrapped twice");
      return value;
    }
    block = await unwrapKeyBlock(ctx, block, operation);
  }
  if (flag(obj, "Sensitive") === true && (spec === undefined || !specEncrypts(spec))) {
    throw new KmipError(ResultReason.Sensitive, "the key is Sensitive and can only be returned wrapped by encryption");
  }
  if (spec !== undefined) block = await wrapKeyBlock(ctx, obj, block, spec, operation);
  return block === keyBlock ? value : withKeyBlock(value, block);
}

/**
 * Register (1.4 §4.3, 2.1 §6.1.41) and Import with Key Wrap Type Not Wrapped (2.1 §6.1.25: "the
 * server SHALL unwrap the object before storing it, and return an error if the wrapping key is not
 * available"): a wrapped Key Block is unwrapped with the key its Key Wrapping Data names (Unwrap Key
 * usage; MAC Verify / Verify for a MAC/Signature) and stored in the clear (sealed by the store).
 */
export async function unwrappedValue(
  ctx: RequestContext,
  value: StructureItem,
  operation: number,
): Promise<StructureItem> {
  const keyBlock = find(value, Tag.KeyBlock);
  if (keyBlock?.type !== 1 || !isWrapped(keyBlock)) return value;
  return withKeyBlock(value, await unwrapKeyBlock(ctx, keyBlock, operation));
}
