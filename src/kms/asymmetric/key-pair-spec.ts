import type { Attr } from "../../kmip/attributes/attribute.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { asStruct, opt } from "../../kmip/read.js";
import { atLeast, type ProtocolVersion } from "../../kmip/version.js";
import { CryptographicAlgorithm, RecommendedCurve } from "../../ttlv/enums.js";
import { Tag } from "../../ttlv/tags.js";
import { type Curve, curveByEnum, curves } from "../keys/key-codec.js";
import { okpLength } from "../keys/key-info.js";

/** What Create Key Pair generates: an RSA modulus size, a NIST/SEC curve, or an RFC 8032/7748 key. */
export type KeyPairSpec =
  | { readonly kind: "rsa"; readonly algorithm: number; readonly length: number }
  | { readonly kind: "ec"; readonly algorithm: number; readonly length: number; readonly curve: Curve }
  | { readonly kind: "ed25519" | "x25519"; readonly algorithm: number; readonly length: number };

/** RSA moduli custos generates (NIST SP 800-131A: 2048 bits and up). */
export const rsaLengths: readonly number[] = [2048, 3072, 4096];

/** Elliptic-curve algorithms whose keys are points on a Recommended Curve (KMIP 1.4 §9.1.3.2.13). */
const ecAlgorithms: ReadonlySet<number> = new Set([
  CryptographicAlgorithm.EC,
  CryptographicAlgorithm.ECDSA,
  CryptographicAlgorithm.ECDH,
  CryptographicAlgorithm.ECMQV,
]);

/**
 * Reads the algorithm of a Create Key Pair request (KMIP 1.4 §4.2, 2.1 §6.1.9) from the merged
 * attributes: Cryptographic Algorithm (required), Cryptographic Length, and for EC keys
 * Cryptographic Domain Parameters / Recommended Curve (KMIP 1.4 §3.7). An EC curve may be given
 * by either the Recommended Curve or the length (256/384/521 -> P-256/P-384/P-521); when both are
 * given they must agree. Ed25519 (Cryptographic Algorithm) and X25519 (EC/ECDH on CURVE25519)
 * exist only in KMIP 2.0 and later, whose enumerations have them. Wrong values -> Invalid Field.
 */
export function keyPairSpec(attrs: readonly Attr[], version: ProtocolVersion): KeyPairSpec {
  const algorithm = intAttr(attrs, "Cryptographic Algorithm");
  const length = intAttr(attrs, "Cryptographic Length");
  const curveEnum = recommendedCurve(attrs);
  if (algorithm === undefined) throw kmipError.invalidField("Cryptographic Algorithm is required");
  const v2 = atLeast(version, 2, 0);
  if (algorithm === CryptographicAlgorithm.RSA) {
    if (length === undefined) throw kmipError.invalidField("Cryptographic Length is required for RSA");
    if (!rsaLengths.includes(length)) throw kmipError.invalidField(`RSA keys are ${rsaLengths.join(", ")} bits`);
    return { kind: "rsa", algorithm, length };
  }
  if (algorithm === CryptographicAlgorithm.Ed25519 && v2) {
    if (length !== undefined && length !== okpLength) throw kmipError.invalidField("Ed25519 keys are 256 bits");
    if (curveEnum !== undefined && curveEnum !== RecommendedCurve.CURVE25519)
      throw kmipError.invalidField("Ed25519 keys are on CURVE25519");
    return { kind: "ed25519", algorithm, length: okpLength };
  }
  if (ecAlgorithms.has(algorithm)) {
    if (curveEnum === RecommendedCurve.CURVE25519 && v2 && algorithm !== CryptographicAlgorithm.ECDSA) {
      if (length !== undefined && length !== okpLength) throw kmipError.invalidField("X25519 keys are 256 bits");
      return { kind: "x25519", algorithm, length: okpLength };
    }
    let curve: Curve | undefined;
    if (curveEnum !== undefined) curve = curveByEnum(curveEnum);
    else if (length !== undefined) curve = curves.find((c) => c.bits === length && c.jwk.startsWith("P-"));
    if (curve === undefined) throw kmipError.invalidField("EC keys need a Recommended Curve or a NIST curve length");
    if (length !== undefined && length !== curve.bits)
      throw kmipError.invalidField("Cryptographic Length contradicts the Recommended Curve");
    return { kind: "ec", algorithm, length: curve.bits, curve };
  }
  throw kmipError.invalidField("Create Key Pair supports RSA, EC/ECDSA/ECDH and (KMIP 2.x) Ed25519 keys");
}

function intAttr(attrs: readonly Attr[], name: string): number | undefined {
  const a = attrs.find((x) => x.name === name);
  if (a === undefined) return undefined;
  if (a.value.type !== 2 && a.value.type !== 5) throw kmipError.invalidField(`${name}: wrong type`);
  return a.value.value;
}

function recommendedCurve(attrs: readonly Attr[]): number | undefined {
  const a = attrs.find((x) => x.name === "Cryptographic Domain Parameters");
  if (a === undefined) return undefined;
  return opt.enum(asStruct(a.value), Tag.RecommendedCurve);
}
