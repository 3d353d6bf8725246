import { createCipheriv, createDecipheriv, createHmac, type KeyObject, timingSafeEqual } from "node:crypto";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { req } from "../../kmip/read.js";
import { BlockCipherMode, CryptographicAlgorithm, ObjectType, PaddingMethod, ResultReason } from "../../ttlv/enums.js";
import { Tag } from "../../ttlv/tags.js";
import type { RequestContext } from "../context.js";
import { hmacName } from "../crypto/digests.js";
import { keyObjectOf } from "../crypto/key-cache.js";
import type { CryptoParams } from "../crypto/params.js";
import { rsaDecrypt, rsaEncrypt } from "../crypto/rsa-cipher.js";
import { schemeFor, signWith, verifyWith } from "../crypto/signature.js";
import { readKeyBlock } from "../key-block.js";
import type { ManagedObject } from "../managed-object.js";

/**
 * The cryptographic steps of key wrapping, one key and one byte string at a time: AES Key Wrap
 * (RFC 3394, RFC 5649) or RSA encryption, and HMAC or a signature. key-wrap.ts decides which key,
 * which parameters and which bytes (KMIP 1.4 §2.1.5, 2.1 §3.3).
 */

/** RFC 3394 §2.2.3.1 default initial value; RFC 5649 §3 alternative initial value prefix. */
const KW_IV = Buffer.from("A6A6A6A6A6A6A6A6", "hex");
const KWP_IV = Buffer.from("A65959A6", "hex");

function symmetricMaterial(key: ManagedObject): { material: Uint8Array; algorithm: number | undefined } {
  const kb = readKeyBlock(req.struct(key.value!, Tag.KeyBlock));
  return { material: kb.material, algorithm: kb.algorithm };
}

function asymmetricKey(ctx: RequestContext, key: ManagedObject): KeyObject {
  return keyObjectOf(ctx.keyObjects, key, () => req.struct(key.value!, Tag.KeyBlock));
}

/** The node:crypto cipher for AES Key Wrap (RFC 3394) or AES Key Wrap with Padding (RFC 5649). */
function aesWrapCipher(material: Uint8Array, algorithm: number | undefined, p: CryptoParams): [string, Buffer] {
  if (algorithm !== undefined && algorithm !== CryptographicAlgorithm.AES) {
    throw kmipError.featureNotSupported("symmetric key wrapping uses AES keys");
  }
  const bits = material.length * 8;
  if (bits !== 128 && bits !== 192 && bits !== 256) throw kmipError.invalidField("an AES key is 128, 192 or 256 bits");
  const mode = p.blockCipherMode ?? BlockCipherMode.NISTKeyWrap;
  if (mode === BlockCipherMode.NISTKeyWrap) return [`id-aes${bits}-wrap`, KW_IV];
  if (mode === BlockCipherMode.AESKeyWrapPadding) return [`id-aes${bits}-wrap-pad`, KWP_IV];
  throw new KmipError(
    ResultReason.BadCryptographicParameters,
    "symmetric key wrapping uses Block Cipher Mode NISTKeyWrap (RFC 3394) or AESKeyWrapPadding (RFC 5649)",
  );
}

export function encryptWith(ctx: RequestContext, key: ManagedObject, p: CryptoParams, data: Uint8Array): Buffer {
  if (key.objectType === ObjectType.PublicKey) return rsaEncrypt(asymmetricKey(ctx, key), p, data);
  const { material, algorithm } = symmetricMaterial(key);
  const [name, iv] = aesWrapCipher(material, algorithm, p);
  if (name.endsWith("-wrap") && (data.length % 8 !== 0 || data.length < 16)) {
    throw kmipError.invalidField(
      "RFC 3394 key wrap needs a multiple of 8 bytes (at least 16); use Block Cipher Mode AESKeyWrapPadding",
    );
  }
  const c = createCipheriv(name, material, iv);
  return Buffer.concat([c.update(data), c.final()]);
}

export function decryptWith(ctx: RequestContext, key: ManagedObject, p: CryptoParams, data: Uint8Array): Buffer {
  if (key.objectType === ObjectType.PrivateKey) {
    return rsaDecrypt(asymmetricKey(ctx, key), { paddingMethod: PaddingMethod.OAEP, ...p }, data);
  }
  const { material, algorithm } = symmetricMaterial(key);
  const [name, iv] = aesWrapCipher(material, algorithm, p);
  try {
    const d = createDecipheriv(name, material, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw new KmipError(ResultReason.CryptographicFailure, "unwrapping failed (wrong key or corrupted data)");
  }
}

function hmacOf(key: ManagedObject, p: CryptoParams, data: Uint8Array): Buffer {
  const { material, algorithm } = symmetricMaterial(key);
  const alg = p.cryptographicAlgorithm ?? algorithm;
  const h = alg === undefined ? undefined : hmacName(alg);
  if (h === undefined) throw kmipError.featureNotSupported("key wrapping MACs use HMAC keys (HMAC-SHA*)");
  return createHmac(h, material).update(data).digest();
}

export function macOrSign(ctx: RequestContext, key: ManagedObject, p: CryptoParams, data: Uint8Array): Buffer {
  if (key.objectType === ObjectType.SymmetricKey) return hmacOf(key, p, data);
  const k = asymmetricKey(ctx, key);
  return signWith(k, schemeFor(k, p), data, undefined);
}

export function checkMacOrSignature(
  ctx: RequestContext,
  key: ManagedObject,
  p: CryptoParams,
  data: Uint8Array,
  mac: Uint8Array,
): void {
  let ok: boolean;
  if (key.objectType === ObjectType.SymmetricKey) {
    const expect = hmacOf(key, p, data);
    ok = expect.length === mac.length && timingSafeEqual(expect, mac);
  } else {
    const k = asymmetricKey(ctx, key);
    ok = verifyWith(k, schemeFor(k, p), data, undefined, mac);
  }
  if (!ok)
    throw new KmipError(ResultReason.CryptographicFailure, "the MAC/Signature of the wrapped key does not verify");
}
