import type { KeyObject } from "node:crypto";
import { kmipError } from "../../kmip/kmip-error.js";
import { CryptographicAlgorithm, KeyFormatType, ObjectType } from "../../ttlv/enums.js";
import { type Curve, curveByOpenssl } from "./key-codec.js";

/** Ed25519/X25519 keys are 32 octets (RFC 8032 §5.1.5, RFC 7748 §5); custos states them as 256 bits. */
export const okpLength = 256;

/** What the key material itself says: its type and its Cryptographic Length (KMIP 1.4 §3.5). */
export interface KeyFacts {
  readonly type: "rsa" | "ec" | "ed25519" | "x25519";
  /** RSA: modulus bits; EC: bits of the curve's field (256, 384, 521); Ed25519/X25519: 256. */
  readonly length: number;
  readonly curve?: Curve;
}

export function keyFacts(key: KeyObject): KeyFacts {
  const t = key.asymmetricKeyType;
  const d = key.asymmetricKeyDetails;
  if (t === "rsa" && d?.modulusLength !== undefined) return { type: "rsa", length: d.modulusLength };
  if (t === "ec") {
    const curve = curveByOpenssl(d?.namedCurve);
    return { type: "ec", length: curve.bits, curve };
  }
  if (t === "ed25519" || t === "x25519") return { type: t, length: okpLength };
  throw kmipError.invalidField(`${t ?? "this"} keys are not supported`);
}

/** The Cryptographic Algorithm values (KMIP 1.4 §9.1.3.2.13) a key of each type may carry. */
const algorithmsOf: Readonly<Record<KeyFacts["type"], readonly number[]>> = {
  rsa: [CryptographicAlgorithm.RSA],
  ec: [
    CryptographicAlgorithm.EC,
    CryptographicAlgorithm.ECDSA,
    CryptographicAlgorithm.ECDH,
    CryptographicAlgorithm.ECMQV,
  ],
  ed25519: [CryptographicAlgorithm.Ed25519, CryptographicAlgorithm.EC],
  x25519: [CryptographicAlgorithm.EC, CryptographicAlgorithm.ECDH],
};

export function algorithmFits(facts: KeyFacts, algorithm: number): boolean {
  return algorithmsOf[facts.type].includes(algorithm);
}

export function defaultAlgorithm(facts: KeyFacts): number {
  return algorithmsOf[facts.type][0] ?? CryptographicAlgorithm.EC;
}

/**
 * The Key Format Type custos stores asymmetric keys in, and hence the one the Digest (KMIP 1.4
 * §3.17) is computed over and Get returns by default. The AKLC-M vectors expect PKCS#1 for both
 * halves of an RSA pair (their Digest names PKCS_1); other private keys are PKCS#8 and other
 * public keys X.509 SubjectPublicKeyInfo, the formats every toolkit reads.
 */
export function storageFormat(objectType: number, facts: KeyFacts): number {
  if (facts.type === "rsa") return KeyFormatType.PKCS_1;
  return objectType === ObjectType.PrivateKey ? KeyFormatType.PKCS_8 : KeyFormatType.X_509;
}
