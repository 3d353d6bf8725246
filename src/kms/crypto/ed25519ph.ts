import { createHash, type KeyObject, randomBytes } from "node:crypto";
import { kmipError } from "../../kmip/kmip-error.js";
import { secretBaseMultiply } from "./ed25519-base-multiply.js";
import { add, BASE, decode, encode, equal, fromLe, L, multiply, negate, toLe } from "./ed25519-point.js";

/**
 * Ed25519ph (RFC 8032 §5.1, PH = SHA-512, phflag = 1, empty context) over a given SHA-512
 * digest, for Sign / Signature Verify with Digested Data (KMIP 1.4 §4.31-4.32, 2.1 §6.1.55-6.1.56).
 * node:crypto (Node 20) signs only pure Ed25519, so the scheme is built here:
 * - sign (§5.1.6): (a, prefix) from SHA-512(seed) (§5.1.5); r = SHA-512(dom2 || prefix || PH(M))
 *   mod L; R = r·B with OpenSSL's constant-time X25519 (ed25519-base-multiply.ts); k =
 *   SHA-512(dom2 || R || A || PH(M)) mod L; S = (r + k·a) mod L. BigInt is not constant-time:
 *   a and r enter it only as a + m·L and r + m'·L with fresh random m, m', so operand lengths do
 *   not follow them. This is masking, not constant-time arithmetic: prefer Data (pure Ed25519,
 *   signed by OpenSSL) where you can;
 * - verify (§5.1.7): public values only, BigInt throughout. A and R must decode (canonical y < p,
 *   on the curve), S < L, and the cofactorless equation [S]B = R + [k]A must hold (the RFC allows
 *   it in place of the cofactored one; OpenSSL and libsodium check the same).
 * The signature is R || S, 64 octets (§5.1.6 step 6).
 */

/** dom2(x = 1, y = "") (RFC 8032 §2): "SigEd25519 no Ed25519 collisions" || phflag || len(context). */
const DOM2 = Buffer.concat([Buffer.from("SigEd25519 no Ed25519 collisions", "latin1"), Buffer.from([1, 0])]);

/** PH(M) = SHA-512(M) is 64 octets. */
export const ED25519PH_DIGEST_LENGTH = 64;

function sha512(...parts: Uint8Array[]): Buffer {
  const h = createHash("sha512");
  for (const p of parts) h.update(p);
  return h.digest();
}

function jwkBytes(s: string | undefined, what: string): Buffer {
  const b = s === undefined ? undefined : Buffer.from(s, "base64url");
  if (b?.length !== 32) throw kmipError.invalidField(`the Ed25519 key has no ${what}`);
  return b;
}

function checkKey(key: KeyObject): void {
  if (key.asymmetricKeyType !== "ed25519") {
    throw kmipError.featureNotSupported(
      `EdDSA over Digested Data is supported for Ed25519 (Ed25519ph), not ${key.asymmetricKeyType}`,
    );
  }
}

/** A random mask in [0, 2^64). */
const mask = (): bigint => fromLe(randomBytes(8));

export function ed25519phSign(key: KeyObject, digest: Uint8Array): Buffer {
  checkKey(key);
  const jwk = key.export({ format: "jwk" });
  const seed = jwkBytes(jwk.d, "private key");
  const publicKey = jwkBytes(jwk.x, "public key");
  const h = sha512(seed);
  seed.fill(0);
  // §5.1.5: clear the low 3 bits and bit 255, set bit 254.
  h[0] = (h[0] ?? 0) & 248;
  h[31] = ((h[31] ?? 0) & 127) | 64;
  const a = fromLe(h.subarray(0, 32));
  const rHash = sha512(DOM2, h.subarray(32), digest);
  h.fill(0);
  const r = fromLe(rHash) % L;
  rHash.fill(0);
  const rEncoded = encode(secretBaseMultiply(r));
  const k = fromLe(sha512(DOM2, rEncoded, publicKey, digest)) % L;
  const s = (r + mask() * L + k * (a + mask() * L)) % L;
  return Buffer.concat([rEncoded, toLe(s)]);
}

export function ed25519phVerify(key: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean {
  checkKey(key);
  if (signature.length !== 64) return false;
  const publicKey = jwkBytes(key.export({ format: "jwk" }).x, "public key");
  const a = decode(publicKey);
  const rEncoded = signature.subarray(0, 32);
  const r = decode(rEncoded);
  const s = fromLe(signature.subarray(32));
  if (a === undefined || r === undefined || s >= L) return false;
  const k = fromLe(sha512(DOM2, rEncoded, publicKey, digest)) % L;
  // [S]B = R + [k]A, checked as [S]B + [k](-A) = R.
  return equal(add(multiply(BASE, s), multiply(negate(a), k)), r);
}
