import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { opt, req } from "../../kmip/read.js";
import { ObjectType, Operation, ResultReason } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { readKeyBlock, symmetricKeyBlockAs } from "../key-block.js";
import { keyBlockAs } from "../keys/key-block-as.js";
import { keyObjectFromBlock } from "../keys/key-object.js";
import { isDestroyed } from "../lifecycle.js";
import { saveObject } from "../object-repo.js";
import { returnedValue } from "../wrap/object-value.js";
import type { OperationHandler } from "./operation.js";

/**
 * Get (KMIP 1.4 §4.11 / 2.1 §6.1.20): returns the object value. Symmetric keys can be
 * asked for as Raw or Transparent Symmetric Key, public and private keys in any Key Format Type
 * node:crypto can produce for them (PKCS#1, PKCS#8, X.509, ECPrivateKey, Transparent RSA/EC, Raw
 * for Ed25519/X25519; Key Format Type Not Supported otherwise); a destroyed object has no value (Object
 * Destroyed); Key Wrap Type, Key Wrapping Specification, Sensitive and Extractable are handled by
 * wrap/object-value.ts (a Sensitive key is only returned wrapped). The first Get clears Fresh.
 */
export const get: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.Get);
  if (opt.enum(payload, Tag.KeyCompressionType) !== undefined) {
    throw new KmipError(ResultReason.KeyCompressionTypeNotSupported, "key compression is not supported");
  }
  if (isDestroyed(obj.state) || obj.value === null) {
    throw new KmipError(ResultReason.ObjectDestroyed, `object ${id} is destroyed`);
  }
  // Fresh is cleared first: on the read-only attempt (read-mostly.ts) the save asks for a
  // write transaction at once, before the value is formatted and wrapped for nothing. In the
  // transaction a later failure rolls the save back with the rest.
  const fresh = obj.attrs.get("Fresh");
  if (fresh?.type === 6 && fresh.value) {
    obj.attrs.set("Fresh", ttlv.bool(Tag.Fresh, false));
    await saveObject(ctx.tx, obj);
  }
  ctx.freshHint?.delete(id);
  let value = obj.value;
  const format = opt.enum(payload, Tag.KeyFormatType);
  if (format !== undefined && obj.objectType !== ObjectType.OpaqueObject) {
    const kb = readKeyBlock(req.struct(value, Tag.KeyBlock));
    if (format !== kb.keyFormatType) {
      if (obj.objectType === ObjectType.SymmetricKey) {
        value = ttlv.struct(value.tag, [symmetricKeyBlockAs(kb, format)]);
      } else if (obj.objectType === ObjectType.PrivateKey || obj.objectType === ObjectType.PublicKey) {
        const key = keyObjectFromBlock(obj.objectType, req.struct(value, Tag.KeyBlock));
        value = ttlv.struct(value.tag, [keyBlockAs(key, obj.objectType, format, kb.algorithm, kb.length)]);
      } else {
        throw kmipError.keyFormatNotSupported("this object is served in its registered format only");
      }
    }
  }
  value = await returnedValue(ctx, obj, value, payload, Operation.Get);
  ctx.idPlaceholder = id;
  const out: TtlvItem[] = [ttlv.enum(Tag.ObjectType, obj.objectType), ttlv.text(Tag.UniqueIdentifier, id), value];
  return out;
};
