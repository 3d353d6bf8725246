import { createECDH, type KeyObject, randomBytes } from "node:crypto";
import { kmipError } from "../../kmip/kmip-error.js";
import { inv, mod } from "./modular.js";

/**
 * ECDSA over a precomputed digest (FIPS 186-5 §6.4.1 signature generation, §6.4.2 verification)
 * for Sign / Signature Verify with Digested Data (KMIP 1.4 §4.31-4.32, 2.1 §6.1.55-6.1.56) on
 * the NIST curves P-256, P-384 and P-521.
 *
 * node:crypto has no ECDSA primitive that takes a digest: `crypto.sign(null, data, ecKey)` hashes
 * `data` with SHA-256 (OpenSSL's default digest for EC keys), and EVP_PKEY_sign, which `openssl
 * pkeyutl -sign` uses, is not exposed. So the signature is built here from node:crypto parts:
 * - R = k·G with node's ECDH (`setPrivateKey(k)`, `getPublicKey()`), OpenSSL's constant-time
 *   scalar multiplication, so the nonce k never enters BigInt point arithmetic;
 * - s = k⁻¹·(e + r·d) mod n with BigInt. BigInt is not constant-time, so the inversion is
 *   blinded: (k·b)⁻¹·b with a fresh random b, whose inverse reveals nothing about k; and d is
 *   used only as d + m·n with a fresh random m, so operand lengths do not follow d. This is
 *   masking, not constant-time arithmetic: prefer Data (hashed and signed by OpenSSL) where you can;
 * - k is drawn with 64 extra random bits and reduced (FIPS 186-5 §A.3.1 "extra random bits").
 * Verification uses public values only and runs entirely in BigInt Jacobian coordinates.
 * Signatures are DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 5480 / X9.62),
 * the encoding `openssl dgst` and the Data path use.
 */
interface Curve {
  /** node:crypto ECDH curve name. */
  readonly name: string;
  readonly p: bigint;
  readonly n: bigint;
  /** Field element length in bytes. */
  readonly bytes: number;
}

const curves: ReadonlyMap<string, Curve> = new Map([
  [
    "prime256v1",
    {
      name: "prime256v1",
      p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
      n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
      bytes: 32,
    },
  ],
  [
    "secp384r1",
    {
      name: "secp384r1",
      p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
      n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
      bytes: 48,
    },
  ],
  [
    "secp521r1",
    {
      name: "secp521r1",
      p: 2n ** 521n - 1n,
      n: 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
      bytes: 66,
    },
  ],
]);

function curveOf(key: KeyObject): Curve {
  const named = key.asymmetricKeyDetails?.namedCurve;
  const c = named === undefined ? undefined : curves.get(named);
  if (c === undefined) {
    throw kmipError.featureNotSupported(
      `ECDSA over Digested Data is supported on P-256, P-384 and P-521, not ${named}`,
    );
  }
  return c;
}

const toBig = (b: Uint8Array): bigint => (b.length === 0 ? 0n : BigInt(`0x${Buffer.from(b).toString("hex")}`));

function toBytes(v: bigint, length: number): Buffer {
  return Buffer.from(v.toString(16).padStart(length * 2, "0"), "hex");
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** e: the leftmost min(N, hashlen) bits of the digest (FIPS 186-5 §6.4.1 step 2-3). */
function digestInteger(digest: Uint8Array, n: bigint): bigint {
  const e = toBig(digest);
  const excess = digest.length * 8 - bitLength(n);
  return excess > 0 ? e >> BigInt(excess) : e;
}

/** A uniformly random integer in [1, n-1]. */
function randomScalar(n: bigint): bigint {
  return (toBig(randomBytes(Math.ceil(bitLength(n) / 8) + 8)) % (n - 1n)) + 1n;
}

function base64url(s: string | undefined): bigint {
  if (s === undefined) throw kmipError.invalidField("the EC key has no coordinates");
  return toBig(Buffer.from(s, "base64url"));
}

export function ecdsaSignDigest(key: KeyObject, digest: Uint8Array): Buffer {
  const c = curveOf(key);
  const d = base64url(key.export({ format: "jwk" }).d);
  const e = digestInteger(digest, c.n);
  for (;;) {
    const k = randomScalar(c.n);
    const ecdh = createECDH(c.name);
    ecdh.setPrivateKey(toBytes(k, c.bytes));
    const point = ecdh.getPublicKey();
    const r = toBig(point.subarray(1, 1 + c.bytes)) % c.n;
    if (r === 0n) continue;
    const b = randomScalar(c.n);
    const kInv = (inv((k * b) % c.n, c.n) * b) % c.n;
    // The private scalar enters only masked: r·(d + m·n) has a random length set by m, not d.
    const m = randomScalar(c.n);
    const s = (kInv * ((e + r * (d + m * c.n)) % c.n)) % c.n;
    if (s === 0n) continue;
    return derSignature(r, s);
  }
}

export function ecdsaVerifyDigest(key: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean {
  const c = curveOf(key);
  const rs = parseDerSignature(signature);
  if (rs === undefined) return false;
  const [r, s] = rs;
  if (r < 1n || r >= c.n || s < 1n || s >= c.n) return false;
  const jwk = key.export({ format: "jwk" });
  const q: Point = [base64url(jwk.x), base64url(jwk.y), 1n];
  const ecdh = createECDH(c.name);
  ecdh.setPrivateKey(toBytes(1n, c.bytes));
  const g = ecdh.getPublicKey();
  const gp: Point = [toBig(g.subarray(1, 1 + c.bytes)), toBig(g.subarray(1 + c.bytes)), 1n];
  const w = inv(s, c.n);
  const u1 = (digestInteger(digest, c.n) * w) % c.n;
  const u2 = (r * w) % c.n;
  const sum = add(multiply(gp, u1, c.p), multiply(q, u2, c.p), c.p);
  if (sum[2] === 0n) return false;
  const zInv = inv(sum[2], c.p);
  const x = (sum[0] * ((zInv * zInv) % c.p)) % c.p;
  return x % c.n === r;
}

/** Jacobian coordinates (X, Y, Z), affine (X/Z², Y/Z³); Z = 0 is the point at infinity. */
type Point = readonly [bigint, bigint, bigint];

/** Doubling for a = -3 (dbl-2001-b). */
function double(pt: Point, p: bigint): Point {
  const [x1, y1, z1] = pt;
  if (z1 === 0n || y1 === 0n) return [0n, 1n, 0n];
  const delta = (z1 * z1) % p;
  const gamma = (y1 * y1) % p;
  const beta = (x1 * gamma) % p;
  const alpha = mod(3n * (x1 - delta) * (x1 + delta), p);
  const x3 = mod(alpha * alpha - 8n * beta, p);
  const z3 = mod((y1 + z1) ** 2n - gamma - delta, p);
  const y3 = mod(alpha * (4n * beta - x3) - 8n * gamma * gamma, p);
  return [x3, y3, z3];
}

/** General addition (add-2007-bl). */
function add(a: Point, b: Point, p: bigint): Point {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const [x1, y1, z1] = a;
  const [x2, y2, z2] = b;
  const z1z1 = (z1 * z1) % p;
  const z2z2 = (z2 * z2) % p;
  const u1 = (x1 * z2z2) % p;
  const u2 = (x2 * z1z1) % p;
  const s1 = (((y1 * z2) % p) * z2z2) % p;
  const s2 = (((y2 * z1) % p) * z1z1) % p;
  if (u1 === u2) return s1 === s2 ? double(a, p) : [0n, 1n, 0n];
  const h = mod(u2 - u1, p);
  const i = (4n * h * h) % p;
  const j = (h * i) % p;
  const rr = mod(2n * (s2 - s1), p);
  const v = (u1 * i) % p;
  const x3 = mod(rr * rr - j - 2n * v, p);
  const y3 = mod(rr * (v - x3) - 2n * s1 * j, p);
  const z3 = mod(((z1 + z2) ** 2n - z1z1 - z2z2) * h, p);
  return [x3, y3, z3];
}

/** Double-and-add; public scalars only (verification). */
function multiply(pt: Point, k: bigint, p: bigint): Point {
  let acc: Point = [0n, 1n, 0n];
  for (let i = bitLength(k) - 1; i >= 0; i--) {
    acc = double(acc, p);
    if ((k >> BigInt(i)) & 1n) acc = add(acc, pt, p);
  }
  return acc;
}

function derLength(n: number): Buffer {
  return n < 0x80 ? Buffer.from([n]) : Buffer.from([0x81, n]);
}

function derInteger(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let body = Buffer.from(hex, "hex");
  if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02]), derLength(body.length), body]);
}

function derSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

/** Strict DER: SEQUENCE of two minimal positive INTEGERs, nothing after; undefined if malformed. */
function parseDerSignature(sig: Uint8Array): [bigint, bigint] | undefined {
  let pos = 0;
  const length = (): number | undefined => {
    const first = sig[pos++];
    if (first === undefined) return undefined;
    if (first < 0x80) return first;
    if (first !== 0x81) return undefined;
    const n = sig[pos++];
    return n === undefined || n < 0x80 ? undefined : n;
  };
  if (sig[pos++] !== 0x30) return undefined;
  const total = length();
  if (total === undefined || pos + total !== sig.length) return undefined;
  const ints: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    if (sig[pos++] !== 0x02) return undefined;
    const len = length();
    if (len === undefined || len === 0 || pos + len > sig.length) return undefined;
    const body = sig.subarray(pos, pos + len);
    const b0 = body[0] ?? 0;
    const b1 = body[1] ?? 0;
    if (b0 & 0x80 || (b0 === 0 && len > 1 && (b1 & 0x80) === 0)) return undefined;
    ints.push(toBig(body));
    pos += len;
  }
  if (pos !== sig.length) return undefined;
  return [ints[0] ?? 0n, ints[1] ?? 0n];
}
