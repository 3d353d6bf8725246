import { createPrivateKey, createPublicKey, randomBytes } from "node:crypto";
import { KmipError } from "../../kmip/kmip-error.js";
import { ResultReason } from "../../ttlv/enums.js";
import { okpPkcs8 } from "../keys/key-codec.js";
import {
  add,
  BASE,
  fromAffine,
  fromLe,
  hasMontgomeryU,
  inv,
  L,
  P,
  type Point,
  recoverX,
  toLe,
  yOfMontgomeryU,
} from "./ed25519-point.js";

/**
 * R = r·B on edwards25519 for a secret scalar r (the Ed25519ph nonce), with OpenSSL's
 * constant-time scalar multiplication instead of BigInt point arithmetic.
 *
 * node:crypto has no Edwards scalar multiplication, but importing an X25519 private key k makes
 * OpenSSL derive its public key X25519(clamp(k), 9) = u(clamp(k)·B) (RFC 7748 §5; u = 9 is the
 * image of B under the birational map, RFC 7748 §4.1). clamp clears bits 0-2 and 255 and sets
 * bit 254, so k = 8·s with 2^251 ≤ s < 2^252 is left as it is, and 8·s·B = r·B when s = r/8 mod L.
 * Since u(P) = u(-P), s may also be L - (r/8 mod L) (k ≡ -r). Between them these cover every r
 * except those with r/8 mod L in [0, L - 2^252] or [2^252, L), about 2^-126 of them; those (r ≡ 0
 * among them) are split as r = ρ + (r - ρ) with a fresh random ρ and the two points added.
 *
 * u gives y = (u - 1)/(u + 1) but not the sign of x. It is recovered from u((r + 1)·B), computed
 * the same way: of the two candidates (±x, y), only R has u(R + B) equal to it (the other gives
 * u(-R + B) = u(R - B), equal only if 2·B or 2·R were the identity, which points of order L never
 * are). Everything after the two OpenSSL calls works on R and R + B, which the signature publishes
 * or which follow from it, so that part may use BigInt (in the rare split, on ρ·B and (r - ρ)·B,
 * points whose discrete logarithms stay out of reach all the same).
 *
 * The secret r enters BigInt only in s = r·8⁻¹ mod L and the choice between s and L - s. BigInt
 * is not constant-time: r is used as r + m·L with a fresh random m, so operand lengths do not
 * follow r; this is masking, not constant-time arithmetic (as in ecdsa-digest.ts).
 */

const INV8 = inv(8n, L);
const LOW = 2n ** 251n;
const HIGH = 2n ** 252n;

/** u(k·B) for k = 8·s, s = ±r/8 mod L in [2^251, 2^252); undefined for the rare r with neither. */
function montgomeryU(r: bigint): bigint | undefined {
  const masked = r + fromLe(randomBytes(8)) * L;
  const s = (masked * INV8) % L;
  const t = L - s;
  const sFits = s >= LOW && s < HIGH;
  const tFits = t >= LOW && t < HIGH;
  if (!sFits && !tFits) return undefined;
  const k = toLe(8n * (sFits ? s : t));
  const der = okpPkcs8("x25519", k);
  k.fill(0);
  try {
    const spki = createPublicKey(createPrivateKey({ key: der, format: "der", type: "pkcs8" })).export({
      format: "der",
      type: "spki",
    });
    return fromLe(spki.subarray(spki.length - 32));
  } finally {
    der.fill(0);
  }
}

/** r·B when both r and r + 1 have a representative k; else undefined. */
function tryMultiply(r: bigint): Point | undefined {
  const u0 = montgomeryU(r);
  const u1 = montgomeryU(r + 1n);
  if (u0 === undefined || u1 === undefined) return undefined;
  const y = yOfMontgomeryU(u0);
  const x = y === undefined ? undefined : recoverX(y, 0n);
  if (y === undefined || x === undefined) throw new KmipError(ResultReason.CryptographicFailure, "signing failed");
  for (const candidate of [fromAffine(x, y), fromAffine((P - x) % P, y)]) {
    if (hasMontgomeryU(add(candidate, BASE), u1)) return candidate;
  }
  throw new KmipError(ResultReason.CryptographicFailure, "signing failed");
}

/** A uniformly random scalar in [0, L) (64 extra bits, reduced). */
function randomScalar(): bigint {
  return fromLe(randomBytes(40)) % L;
}

/** r·B for a secret scalar r in [0, L). */
export function secretBaseMultiply(r: bigint): Point {
  const direct = tryMultiply(r);
  if (direct !== undefined) return direct;
  for (;;) {
    const rho = randomScalar();
    const first = tryMultiply(rho);
    const second = first === undefined ? undefined : tryMultiply((r + L - rho) % L);
    if (first !== undefined && second !== undefined) return add(first, second);
  }
}
