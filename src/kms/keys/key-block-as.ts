import type { JsonWebKey, KeyObject } from "node:crypto";
import { kmipError } from "../../kmip/kmip-error.js";
import { KeyFormatType, ObjectType } from "../../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { b64uToBigInt, curveByOpenssl, ecPointOf } from "./key-codec.js";

/**
 * Encodes a node:crypto key as a Key Block (KMIP 1.4 §2.1.3) in the requested Key Format Type
 * (KMIP 1.4 §9.1.3.2.3), for Get and for storing generated keys. Formats that do not fit the key
 * (PKCS#1 for an EC key, ECPrivateKey for RSA, ...) or that node:crypto cannot produce answer
 * Key Format Type Not Supported (KMIP 1.4 §11.11 Get errors).
 *
 * Transparent structures follow KMIP 1.4 §2.1.7: RSA Private Key = Modulus, Private Exponent,
 * Public Exponent, P, Q, Prime Exponent P, Prime Exponent Q, CRT Coefficient; RSA Public Key =
 * Modulus, Public Exponent; EC (and 1.x ECDSA/ECDH/ECMQV) Private Key = Recommended Curve, D;
 * EC Public Key = Recommended Curve, Q String (uncompressed point, SEC 1 §2.3.3).
 */
export function keyBlockAs(
  key: KeyObject,
  objectType: number,
  format: number,
  algorithm: number | undefined,
  length: number | undefined,
): StructureItem {
  const material = materialAs(key, objectType, format);
  const v: TtlvItem[] = [ttlv.enum(Tag.KeyFormatType, format), ttlv.struct(Tag.KeyValue, [material])];
  if (algorithm !== undefined) v.push(ttlv.enum(Tag.CryptographicAlgorithm, algorithm));
  if (length !== undefined) v.push(ttlv.int(Tag.CryptographicLength, length));
  return ttlv.struct(Tag.KeyBlock, v);
}

function materialAs(key: KeyObject, objectType: number, format: number): TtlvItem {
  const type = key.asymmetricKeyType;
  if (key.type === "secret") {
    const raw = key.export();
    if (format === KeyFormatType.Raw) return ttlv.bytes(Tag.KeyMaterial, raw);
    if (format === KeyFormatType.TransparentSymmetricKey)
      return ttlv.struct(Tag.KeyMaterial, [ttlv.bytes(Tag.Key, raw)]);
    throw unsupported();
  }
  if (objectType === ObjectType.PrivateKey && key.type === "private") {
    switch (format) {
      case KeyFormatType.PKCS_1:
        if (type !== "rsa") throw unsupported();
        return der(key.export({ format: "der", type: "pkcs1" }));
      case KeyFormatType.PKCS_8:
        return der(key.export({ format: "der", type: "pkcs8" }));
      case KeyFormatType.ECPrivateKey:
        if (type !== "ec") throw unsupported();
        return der(key.export({ format: "der", type: "sec1" }));
      case KeyFormatType.Raw:
        if (type !== "ed25519" && type !== "x25519") throw unsupported();
        return ttlv.bytes(Tag.KeyMaterial, Buffer.from(jwkOf(key).d ?? "", "base64url"));
      case KeyFormatType.TransparentRSAPrivateKey: {
        if (type !== "rsa") throw unsupported();
        const j = jwkOf(key);
        return ttlv.struct(Tag.KeyMaterial, [
          big(Tag.Modulus, j.n),
          big(Tag.PrivateExponent, j.d),
          big(Tag.PublicExponent, j.e),
          big(Tag.P, j.p),
          big(Tag.Q, j.q),
          big(Tag.PrimeExponentP, j.dp),
          big(Tag.PrimeExponentQ, j.dq),
          big(Tag.CRTCoefficient, j.qi),
        ]);
      }
      case KeyFormatType.TransparentECPrivateKey:
      case KeyFormatType.TransparentECDSAPrivateKey:
      case KeyFormatType.TransparentECDHPrivateKey:
      case KeyFormatType.TransparentECMQVPrivateKey: {
        if (type !== "ec") throw unsupported();
        const j = jwkOf(key);
        return ttlv.struct(Tag.KeyMaterial, [
          ttlv.enum(Tag.RecommendedCurve, curveByOpenssl(j.crv).kmip),
          big(Tag.D, j.d),
        ]);
      }
      default:
        throw unsupported();
    }
  }
  if (objectType === ObjectType.PublicKey && key.type === "public") {
    switch (format) {
      case KeyFormatType.PKCS_1:
        if (type !== "rsa") throw unsupported();
        return der(key.export({ format: "der", type: "pkcs1" }));
      case KeyFormatType.X_509:
        return der(key.export({ format: "der", type: "spki" }));
      case KeyFormatType.Raw:
        if (type !== "ed25519" && type !== "x25519") throw unsupported();
        return ttlv.bytes(Tag.KeyMaterial, Buffer.from(jwkOf(key).x ?? "", "base64url"));
      case KeyFormatType.TransparentRSAPublicKey: {
        if (type !== "rsa") throw unsupported();
        const j = jwkOf(key);
        return ttlv.struct(Tag.KeyMaterial, [big(Tag.Modulus, j.n), big(Tag.PublicExponent, j.e)]);
      }
      case KeyFormatType.TransparentECPublicKey:
      case KeyFormatType.TransparentECDSAPublicKey:
      case KeyFormatType.TransparentECDHPublicKey:
      case KeyFormatType.TransparentECMQVPublicKey: {
        if (type !== "ec") throw unsupported();
        const j = jwkOf(key);
        const curve = curveByOpenssl(j.crv);
        return ttlv.struct(Tag.KeyMaterial, [
          ttlv.enum(Tag.RecommendedCurve, curve.kmip),
          ttlv.bytes(Tag.QString, ecPointOf(j, curve)),
        ]);
      }
      default:
        throw unsupported();
    }
  }
  throw kmipError.invalidField("the key does not match the Object Type");
}

function jwkOf(key: KeyObject): JsonWebKey {
  return key.export({ format: "jwk" });
}

function der(b: Buffer): TtlvItem {
  return ttlv.bytes(Tag.KeyMaterial, b);
}

function big(tag: number, b64u: string | undefined): TtlvItem {
  return ttlv.bigint(tag, b64uToBigInt(b64u));
}

function unsupported(): Error {
  return kmipError.keyFormatNotSupported("the key cannot be expressed in the requested Key Format Type");
}
