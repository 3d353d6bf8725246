/**
 * Modular arithmetic on bigints for the digest-signing paths (ECDSA over a digest,
 * Ed25519ph). Plain BigInt: not constant-time; callers mask secret operands.
 */

/** a mod m in [0, m). */
export const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

/** Inverse modulo a prime (Fermat). */
export const inv = (a: bigint, m: bigint): bigint => modPow(a, m - 2n, m);
