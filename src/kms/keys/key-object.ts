import { createPrivateKey, createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { asStruct, find, opt, req } from "../../kmip/read.js";
import { CryptographicAlgorithm, KeyFormatType, ObjectType } from "../../ttlv/enums.js";
import type { StructureItem, TtlvItem } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { bigIntToB64u, curveByEnum, ecPublicJwk, okpPkcs8, okpSpki } from "./key-codec.js";

/**
 * Turns a Key Block (KMIP 1.4 §2.1.3 / 2.1 §2.1.3) into a node:crypto KeyObject.
 *
 * Formats (KMIP 1.4 §9.1.3.2.3 Key Format Type, §2.1.7 Transparent Key Structures):
 * - Symmetric Key / Secret Data: Raw, Opaque, Transparent Symmetric Key (Key).
 * - Private Key: PKCS#1 (RSAPrivateKey), PKCS#8 (PrivateKeyInfo), ECPrivateKey (RFC 5915 / SEC1),
 *   Transparent RSA Private Key (Modulus, Private Exponent, Public Exponent, P, Q, Prime Exponent P/Q,
 *   CRT Coefficient), Transparent EC (and 1.x ECDSA/ECDH/ECMQV) Private Key (Recommended Curve, D),
 *   Raw for Ed25519/X25519 (the 32-byte private key).
 * - Public Key: PKCS#1 (RSAPublicKey), X.509 (SubjectPublicKeyInfo), Transparent RSA Public Key
 *   (Modulus, Public Exponent), Transparent EC (ECDSA/ECDH/ECMQV) Public Key (Recommended Curve,
 *   Q String), Raw for Ed25519/X25519 (the 32-byte public key).
 *
 * Material that does not parse is Invalid Field; a format node:crypto cannot read is Key Format
 * Type Not Supported. Wrapped Key Blocks must be unwrapped before they come here.
 */
export function keyObjectFromBlock(objectType: number, keyBlock: StructureItem): KeyObject {
  if (find(keyBlock, Tag.KeyWrappingData) !== undefined) {
    throw kmipError.featureNotSupported("wrapped key blocks must be unwrapped first");
  }
  const format = req.enum(keyBlock, Tag.KeyFormatType);
  const algorithm = opt.enum(keyBlock, Tag.CryptographicAlgorithm);
  const keyValue = find(keyBlock, Tag.KeyValue);
  if (keyValue === undefined) throw kmipError.missingData("Key Value is required");
  const material = keyValue.type === 1 ? find(keyValue, Tag.KeyMaterial) : keyValue;
  if (material === undefined) throw kmipError.missingData("Key Material is required");
  try {
    return parse(objectType, format, algorithm, material);
  } catch (e) {
    if (e instanceof KmipError) throw e;
    throw kmipError.invalidField("the key material does not parse in its Key Format Type");
  }
}

function parse(objectType: number, format: number, algorithm: number | undefined, material: TtlvItem): KeyObject {
  if (objectType === ObjectType.SymmetricKey || objectType === ObjectType.SecretData) {
    if (format === KeyFormatType.Raw || format === KeyFormatType.Opaque) return createSecretKey(bytesOf(material));
    if (format === KeyFormatType.TransparentSymmetricKey)
      return createSecretKey(req.bytes(asStruct(material), Tag.Key));
    throw kmipError.keyFormatNotSupported("symmetric keys come as Raw, Opaque or Transparent Symmetric Key");
  }
  if (objectType === ObjectType.PrivateKey) return parsePrivate(format, algorithm, material);
  if (objectType === ObjectType.PublicKey) return parsePublic(format, algorithm, material);
  throw kmipError.invalidField("this object type holds no key");
}

function parsePrivate(format: number, algorithm: number | undefined, material: TtlvItem): KeyObject {
  switch (format) {
    case KeyFormatType.PKCS_1:
      return createPrivateKey({ key: Buffer.from(bytesOf(material)), format: "der", type: "pkcs1" });
    case KeyFormatType.PKCS_8:
      return createPrivateKey({ key: Buffer.from(bytesOf(material)), format: "der", type: "pkcs8" });
    case KeyFormatType.ECPrivateKey:
      return createPrivateKey({ key: Buffer.from(bytesOf(material)), format: "der", type: "sec1" });
    case KeyFormatType.Raw:
      return createPrivateKey({ key: okpPkcs8(okpName(algorithm), bytesOf(material)), format: "der", type: "pkcs8" });
    case KeyFormatType.TransparentRSAPrivateKey: {
      const s = asStruct(material);
      const n = (tag: number): string => bigIntToB64u(reqBig(s, tag));
      const jwk: JsonWebKey = {
        kty: "RSA",
        n: n(Tag.Modulus),
        e: n(Tag.PublicExponent),
        d: n(Tag.PrivateExponent),
        p: n(Tag.P),
        q: n(Tag.Q),
        dp: n(Tag.PrimeExponentP),
        dq: n(Tag.PrimeExponentQ),
        qi: n(Tag.CRTCoefficient),
      };
      return createPrivateKey({ key: jwk, format: "jwk" });
    }
    case KeyFormatType.TransparentECPrivateKey:
    case KeyFormatType.TransparentECDSAPrivateKey:
    case KeyFormatType.TransparentECDHPrivateKey:
    case KeyFormatType.TransparentECMQVPrivateKey: {
      const s = asStruct(material);
      const curve = curveByEnum(req.enum(s, Tag.RecommendedCurve));
      const d = reqBig(s, Tag.D);
      return createPrivateKey({ key: { ...ecPublicJwk(curve, d), d: bigIntToB64u(d, curve.bytes) }, format: "jwk" });
    }
    default:
      throw kmipError.keyFormatNotSupported("this Key Format Type is not supported for private keys");
  }
}

function parsePublic(format: number, algorithm: number | undefined, material: TtlvItem): KeyObject {
  switch (format) {
    case KeyFormatType.PKCS_1:
      return publicDer(bytesOf(material), "pkcs1");
    case KeyFormatType.X_509:
      return publicDer(bytesOf(material), "spki");
    case KeyFormatType.Raw:
      return createPublicKey({ key: okpSpki(okpName(algorithm), bytesOf(material)), format: "der", type: "spki" });
    case KeyFormatType.TransparentRSAPublicKey: {
      const s = asStruct(material);
      const jwk: JsonWebKey = {
        kty: "RSA",
        n: bigIntToB64u(reqBig(s, Tag.Modulus)),
        e: bigIntToB64u(reqBig(s, Tag.PublicExponent)),
      };
      return createPublicKey({ key: jwk, format: "jwk" });
    }
    case KeyFormatType.TransparentECPublicKey:
    case KeyFormatType.TransparentECDSAPublicKey:
    case KeyFormatType.TransparentECDHPublicKey:
    case KeyFormatType.TransparentECMQVPublicKey: {
      const s = asStruct(material);
      const curve = curveByEnum(req.enum(s, Tag.RecommendedCurve));
      return createPublicKey({ key: ecPublicJwk(curve, req.bytes(s, Tag.QString)), format: "jwk" });
    }
    default:
      throw kmipError.keyFormatNotSupported("this Key Format Type is not supported for public keys");
  }
}

/**
 * node:crypto derives a public key from private-key DER as well; a Public Key's material must be
 * the public structure itself (RSAPublicKey or SubjectPublicKeyInfo), so it must re-encode to the
 * same bytes (DER is canonical).
 */
function publicDer(der: Uint8Array, type: "pkcs1" | "spki"): KeyObject {
  const key = createPublicKey({ key: Buffer.from(der), format: "der", type });
  if (!key.export({ format: "der", type }).equals(der)) {
    throw kmipError.invalidField("the Key Material is not a DER-encoded public key");
  }
  return key;
}

/** Raw asymmetric keys are only defined for the Edwards/Montgomery curves, whose keys are plain octets. */
function okpName(algorithm: number | undefined): "ed25519" | "x25519" {
  if (algorithm === CryptographicAlgorithm.Ed25519) return "ed25519";
  if (algorithm === CryptographicAlgorithm.EC || algorithm === CryptographicAlgorithm.ECDH) return "x25519";
  throw kmipError.keyFormatNotSupported("Raw asymmetric keys are supported for Ed25519 and X25519 only");
}

function bytesOf(material: TtlvItem): Uint8Array {
  if (material.type !== 8) throw kmipError.invalidField("Key Material must be a Byte String in this format");
  return material.value;
}

function reqBig(s: StructureItem, tag: number): bigint {
  const item = find(s, tag);
  if (item === undefined) throw kmipError.missingData(`transparent key: tag 0x${tag.toString(16)} is required`);
  if (item.type !== 4) throw kmipError.invalidField("transparent key components are Big Integers");
  if (item.value <= 0n) throw kmipError.invalidField("transparent key components are positive");
  return item.value;
}
