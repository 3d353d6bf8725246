import { createECDH, ECDH, type JsonWebKey } from "node:crypto";
import { kmipError } from "../../kmip/kmip-error.js";
import { RecommendedCurve } from "../../ttlv/enums.js";

/**
 * Small encodings shared by the key format conversions: Big Integer <-> base64url (JWK),
 * the named curves custos handles (KMIP 1.4 §9.1.3.2.5 Recommended Curve), and the fixed
 * DER wrappers of RFC 8410 for Ed25519/X25519 keys given as raw octets.
 */
export interface Curve {
  /** Recommended Curve enumeration value. */
  readonly kmip: number;
  /** OpenSSL / node:crypto curve name. */
  readonly openssl: string;
  /** JWK "crv". */
  readonly jwk: string;
  /** Field element size in bytes (coordinates and D are left-padded to it). */
  readonly bytes: number;
  /** Cryptographic Length of keys on this curve (bits of the field order). */
  readonly bits: number;
}

export const curves: readonly Curve[] = [
  { kmip: RecommendedCurve.P_256, openssl: "prime256v1", jwk: "P-256", bytes: 32, bits: 256 },
  { kmip: RecommendedCurve.P_384, openssl: "secp384r1", jwk: "P-384", bytes: 48, bits: 384 },
  { kmip: RecommendedCurve.P_521, openssl: "secp521r1", jwk: "P-521", bytes: 66, bits: 521 },
  { kmip: RecommendedCurve.SECP256K1, openssl: "secp256k1", jwk: "secp256k1", bytes: 32, bits: 256 },
];

export function curveByEnum(value: number): Curve {
  const c = curves.find((x) => x.kmip === value);
  if (c === undefined) throw kmipError.invalidField(`Recommended Curve ${value} is not supported`);
  return c;
}

export function curveByOpenssl(name: string | undefined): Curve {
  const c = curves.find((x) => x.openssl === name || x.jwk === name);
  if (c === undefined) throw kmipError.invalidField(`curve ${name ?? "?"} is not supported`);
  return c;
}

/** Unsigned big-endian bytes of a positive bigint, left-padded to `size` when given. */
export function bigIntToBytes(v: bigint, size = 0): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const raw = Buffer.from(hex, "hex");
  if (raw.length >= size) return raw;
  return Buffer.concat([Buffer.alloc(size - raw.length), raw]);
}

export function bytesToBigInt(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(b).toString("hex")}`);
}

export function bigIntToB64u(v: bigint, size = 0): string {
  return bigIntToBytes(v, size).toString("base64url");
}

export function b64uToBigInt(s: string | undefined): bigint {
  if (s === undefined) throw kmipError.general("JWK component missing");
  return bytesToBigInt(Buffer.from(s, "base64url"));
}

/**
 * The public part of an EC JWK, from either the private scalar D (the point is computed) or
 * the Q String (SEC 1 §2.3.3 octet string, compressed or uncompressed).
 */
export function ecPublicJwk(curve: Curve, dOrQ: bigint | Uint8Array): JsonWebKey {
  let point: Buffer;
  if (typeof dOrQ === "bigint") {
    const ecdh = createECDH(curve.openssl);
    ecdh.setPrivateKey(bigIntToBytes(dOrQ, curve.bytes));
    point = ecdh.getPublicKey();
  } else {
    point = Buffer.from(
      ECDH.convertKey(Buffer.from(dOrQ), curve.openssl, undefined, undefined, "uncompressed") as Buffer,
    );
  }
  if (point.length !== 1 + 2 * curve.bytes || point[0] !== 4) throw kmipError.invalidField("bad EC point");
  return {
    kty: "EC",
    crv: curve.jwk,
    x: point.subarray(1, 1 + curve.bytes).toString("base64url"),
    y: point.subarray(1 + curve.bytes).toString("base64url"),
  };
}

/** The uncompressed point 04 || X || Y of an EC JWK (the Q String of Transparent EC Public Keys). */
export function ecPointOf(jwk: JsonWebKey, curve: Curve): Buffer {
  return Buffer.concat([
    Buffer.from([4]),
    bigIntToBytes(b64uToBigInt(jwk.x), curve.bytes),
    bigIntToBytes(b64uToBigInt(jwk.y), curve.bytes),
  ]);
}

/** RFC 8410 §7 / §4: OneAsymmetricKey and SubjectPublicKeyInfo for id-Ed25519 (1.3.101.112) / id-X25519 (1.3.101.110). */
const okpOid: Readonly<Record<"ed25519" | "x25519", number>> = { ed25519: 0x70, x25519: 0x6e };

export function okpPkcs8(kind: "ed25519" | "x25519", raw: Uint8Array): Buffer {
  if (raw.length !== 32) throw kmipError.invalidField(`a raw ${kind} private key is 32 bytes`);
  const head = Buffer.from([
    0x30,
    0x2e,
    0x02,
    0x01,
    0x00,
    0x30,
    0x05,
    0x06,
    0x03,
    0x2b,
    0x65,
    okpOid[kind],
    0x04,
    0x22,
    0x04,
    0x20,
  ]);
  return Buffer.concat([head, raw]);
}

export function okpSpki(kind: "ed25519" | "x25519", raw: Uint8Array): Buffer {
  if (raw.length !== 32) throw kmipError.invalidField(`a raw ${kind} public key is 32 bytes`);
  const head = Buffer.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, okpOid[kind], 0x03, 0x21, 0x00]);
  return Buffer.concat([head, raw]);
}
