/**
 * edwards25519 group arithmetic over public values (RFC 8032 §5.1): field and group constants,
 * extended-coordinate addition (§5.1.4), point encoding and decoding (§5.1.2-5.1.3) and the
 * birational map to the Montgomery u-coordinate that X25519 outputs (RFC 7748 §4.1).
 *
 * BigInt arithmetic is not constant-time: use these functions on public values only (verification,
 * the published nonce point R), never with a secret scalar (see ed25519-base-multiply.ts).
 */
import { inv as inverse, modPow, mod as modulo } from "./modular.js";

/** p = 2^255 - 19. */
export const P = 2n ** 255n - 19n;
/** L, the order of the base point (RFC 8032 §5.1). */
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;

/** a mod m, by default modulo the field prime p. */
export const mod = (a: bigint, m: bigint = P): bigint => modulo(a, m);

/** Inverse modulo a prime, by default p. */
export const inv = (a: bigint, m: bigint = P): bigint => inverse(a, m);

/** d = -121665/121666 (RFC 8032 §5.1). */
const D = mod(-121665n * inv(121666n));
const D2 = mod(2n * D);
/** sqrt(-1) = 2^((p-1)/4) (RFC 8032 §5.1.3 step 3). */
const SQRT_M1 = modPow(2n, (P - 1n) / 4n, P);

/** Little-endian octets to an integer (RFC 8032 §5.1.2). */
export function fromLe(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i] ?? 0);
  return v;
}

/** An integer below 2^(8·length) to little-endian octets. */
export function toLe(v: bigint, length = 32): Buffer {
  const out = Buffer.alloc(length);
  let x = v;
  for (let i = 0; i < length; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** Extended homogeneous coordinates (X:Y:Z:T): x = X/Z, y = Y/Z, x·y = T/Z (RFC 8032 §5.1.4). */
export type Point = readonly [bigint, bigint, bigint, bigint];

export const IDENTITY: Point = [0n, 1n, 1n, 0n];

export function fromAffine(x: bigint, y: bigint): Point {
  return [x, y, 1n, (x * y) % P];
}

/** The complete addition formula of RFC 8032 §5.1.4 (also valid for doubling). */
export function add(a: Point, b: Point): Point {
  const [x1, y1, z1, t1] = a;
  const [x2, y2, z2, t2] = b;
  const pa = mod((y1 - x1) * (y2 - x2));
  const pb = ((y1 + x1) * (y2 + x2)) % P;
  const pc = (((t1 * D2) % P) * t2) % P;
  const pd = (2n * z1 * z2) % P;
  const e = mod(pb - pa);
  const f = mod(pd - pc);
  const g = (pd + pc) % P;
  const h = (pb + pa) % P;
  return [(e * f) % P, (g * h) % P, (f * g) % P, (e * h) % P];
}

export function negate(a: Point): Point {
  return [mod(-a[0]), a[1], a[2], mod(-a[3])];
}

/** Double-and-add; public scalars only (verification). */
export function multiply(pt: Point, k: bigint): Point {
  let acc = IDENTITY;
  for (let i = k.toString(2).length - 1; i >= 0; i--) {
    acc = add(acc, acc);
    if ((k >> BigInt(i)) & 1n) acc = add(acc, pt);
  }
  return acc;
}

export function equal(a: Point, b: Point): boolean {
  return mod(a[0] * b[2] - b[0] * a[2]) === 0n && mod(a[1] * b[2] - b[1] * a[2]) === 0n;
}

/** RFC 8032 §5.1.2: y in little-endian, the least significant bit of x in bit 255. */
export function encode(pt: Point): Buffer {
  const zInv = inv(pt[2]);
  const x = (pt[0] * zInv) % P;
  const y = (pt[1] * zInv) % P;
  return toLe(y | ((x & 1n) << 255n));
}

/**
 * RFC 8032 §5.1.3 steps 2-4: the x with x² = (y² - 1)/(d·y² + 1) and the given parity;
 * undefined when there is none (not a curve point) or x = 0 with sign 1.
 */
export function recoverX(y: bigint, sign: bigint): bigint | undefined {
  const y2 = (y * y) % P;
  const u = mod(y2 - 1n);
  const v = (D * y2 + 1n) % P;
  const v3 = (((v * v) % P) * v) % P;
  const v7 = (((v3 * v3) % P) * v) % P;
  let x = (((u * v3) % P) * modPow((u * v7) % P, (P - 5n) / 8n, P)) % P;
  const vx2 = (((x * x) % P) * v) % P;
  if (vx2 === mod(-u)) x = (x * SQRT_M1) % P;
  else if (vx2 !== u) return undefined;
  if (x === 0n && sign === 1n) return undefined;
  return (x & 1n) === sign ? x : mod(-x);
}

/** RFC 8032 §5.1.3; undefined for a non-canonical y (y ≥ p) or a point not on the curve. */
export function decode(b: Uint8Array): Point | undefined {
  if (b.length !== 32) return undefined;
  const v = fromLe(b);
  const y = v & ((1n << 255n) - 1n);
  if (y >= P) return undefined;
  const x = recoverX(y, v >> 255n);
  return x === undefined ? undefined : fromAffine(x, y);
}

/** B: y = 4/5, x even (RFC 8032 §5.1). */
export const BASE: Point = fromAffine(recoverX((4n * inv(5n)) % P, 0n) ?? 0n, (4n * inv(5n)) % P);

/** The Montgomery u-coordinate of an Edwards point: u = (1 + y)/(1 - y) = (Z + Y)/(Z - Y) (RFC 7748 §4.1). */
export function hasMontgomeryU(pt: Point, u: bigint): boolean {
  const den = mod(pt[2] - pt[1]);
  return den !== 0n && (u * den) % P === (pt[2] + pt[1]) % P;
}

/** The Edwards y of a Montgomery u: y = (u - 1)/(u + 1); undefined for u = -1 (no such point). */
export function yOfMontgomeryU(u: bigint): bigint | undefined {
  const den = (u + 1n) % P;
  return den === 0n ? undefined : (mod(u - 1n) * inv(den)) % P;
}
