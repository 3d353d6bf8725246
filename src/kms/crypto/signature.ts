import {
  constants,
  createHash,
  type KeyObject,
  privateEncrypt,
  publicDecrypt,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
} from "node:crypto";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { DigitalSignatureAlgorithm, HashingAlgorithm, PaddingMethod, ResultReason } from "../../ttlv/enums.js";
import { hashName } from "./digests.js";
import { ecdsaSignDigest, ecdsaVerifyDigest } from "./ecdsa-digest.js";
import { ED25519PH_DIGEST_LENGTH, ed25519phSign, ed25519phVerify } from "./ed25519ph.js";
import type { CryptoParams } from "./params.js";
import { mgf1 } from "./rsa-cipher.js";

/**
 * Signature schemes for Sign / Signature Verify (KMIP 1.4 §4.31-4.32, 2.1 §6.1.55-6.1.56):
 * RSA PKCS#1 v1.5 and PSS (RFC 8017 §8), ECDSA (FIPS 186-4, DER-encoded signatures as X9.62
 * and `openssl dgst` write them) and EdDSA (RFC 8032, Ed25519/Ed448). The scheme comes from the
 * Digital Signature Algorithm, else from the key type with Padding Method and Hashing Algorithm.
 */
export interface Scheme {
  readonly kind: "rsa-pkcs1" | "rsa-pss" | "ecdsa" | "eddsa";
  /** node:crypto digest name; null for EdDSA, which hashes internally. */
  readonly hash: string | null;
  /** EdDSA: the Hashing Algorithm the client named, if any; over Digested Data it must be SHA-512. */
  readonly prehash?: number | undefined;
  readonly saltLength: number | undefined;
}

const dsa = DigitalSignatureAlgorithm;
const bySignatureAlgorithm: ReadonlyMap<number, { kind: Scheme["kind"]; hash: number | undefined }> = new Map([
  [dsa.SHA_1WithRSAEncryption, { kind: "rsa-pkcs1" as const, hash: HashingAlgorithm.SHA_1 }],
  [dsa.SHA_224WithRSAEncryption, { kind: "rsa-pkcs1" as const, hash: HashingAlgorithm.SHA_224 }],
  [dsa.SHA_256WithRSAEncryption, { kind: "rsa-pkcs1" as const, hash: HashingAlgorithm.SHA_256 }],
  [dsa.SHA_384WithRSAEncryption, { kind: "rsa-pkcs1" as const, hash: HashingAlgorithm.SHA_384 }],
  [dsa.SHA_512WithRSAEncryption, { kind: "rsa-pkcs1" as const, hash: HashingAlgorithm.SHA_512 }],
  [dsa.SHA3_256WithRSAEncryption, { kind: "rsa-pkcs1" as const, hash: HashingAlgorithm.SHA3_256 }],
  [dsa.SHA3_384WithRSAEncryption, { kind: "rsa-pkcs1" as const, hash: HashingAlgorithm.SHA3_384 }],
  [dsa.SHA3_512WithRSAEncryption, { kind: "rsa-pkcs1" as const, hash: HashingAlgorithm.SHA3_512 }],
  [dsa.RSASSA_PSS, { kind: "rsa-pss" as const, hash: undefined }],
  [dsa.ECDSAWithSHA_1, { kind: "ecdsa" as const, hash: HashingAlgorithm.SHA_1 }],
  [dsa.ECDSAWithSHA224, { kind: "ecdsa" as const, hash: HashingAlgorithm.SHA_224 }],
  [dsa.ECDSAWithSHA256, { kind: "ecdsa" as const, hash: HashingAlgorithm.SHA_256 }],
  [dsa.ECDSAWithSHA384, { kind: "ecdsa" as const, hash: HashingAlgorithm.SHA_384 }],
  [dsa.ECDSAWithSHA512, { kind: "ecdsa" as const, hash: HashingAlgorithm.SHA_512 }],
]);

function defaultEcHash(key: KeyObject): number {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve === "secp384r1") return HashingAlgorithm.SHA_384;
  if (curve === "secp521r1") return HashingAlgorithm.SHA_512;
  return HashingAlgorithm.SHA_256;
}

export function schemeFor(key: KeyObject, p: CryptoParams): Scheme {
  const type = key.asymmetricKeyType;
  let kind: Scheme["kind"];
  let hash = p.hashingAlgorithm;
  const named =
    p.digitalSignatureAlgorithm === undefined ? undefined : bySignatureAlgorithm.get(p.digitalSignatureAlgorithm);
  if (p.digitalSignatureAlgorithm !== undefined && named === undefined) {
    throw kmipError.featureNotSupported(`Digital Signature Algorithm ${p.digitalSignatureAlgorithm} is not supported`);
  }
  if (named !== undefined) {
    kind = named.kind;
    hash = named.hash ?? hash;
  } else if (type === "rsa" || type === "rsa-pss") {
    if (p.paddingMethod === PaddingMethod.PSS || type === "rsa-pss") kind = "rsa-pss";
    else if (p.paddingMethod === undefined || p.paddingMethod === PaddingMethod.PKCS1V1_5) kind = "rsa-pkcs1";
    else throw kmipError.featureNotSupported("RSA signatures use Padding Method PKCS1 v1.5 or PSS");
  } else if (type === "ec") kind = "ecdsa";
  else if (type === "ed25519" || type === "ed448") kind = "eddsa";
  else throw new KmipError(ResultReason.InvalidObjectType, "this key cannot sign or verify");
  const keyIsRsa = type === "rsa" || type === "rsa-pss";
  if ((kind === "rsa-pkcs1" || kind === "rsa-pss") !== keyIsRsa || (kind === "ecdsa") !== (type === "ec")) {
    throw new KmipError(ResultReason.BadCryptographicParameters, "the signature algorithm does not match the key type");
  }
  if (kind === "eddsa") return { kind, hash: null, saltLength: undefined, prehash: hash };
  const h = hashName(hash ?? (kind === "ecdsa" ? defaultEcHash(key) : HashingAlgorithm.SHA_256));
  return { kind, hash: h, saltLength: p.saltLength };
}

function hashLength(hash: string): number {
  return createHash(hash).digest().length;
}

/**
 * node:crypto options. PSS Salt Length: the client's; else the hash length when signing
 * (RFC 8017 §9.1 "typical salt lengths are ... hLen") and any length when verifying (the
 * CS-AC-M-2 signature uses the maximal salt length without saying so).
 */
function nodeOptions(key: KeyObject, s: Scheme, forVerify: boolean) {
  if (s.kind === "rsa-pss") {
    const fallback = forVerify ? constants.RSA_PSS_SALTLEN_AUTO : hashLength(s.hash ?? "sha256");
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: s.saltLength ?? fallback };
  }
  if (s.kind === "rsa-pkcs1") return { key, padding: constants.RSA_PKCS1_PADDING };
  return { key, dsaEncoding: "der" as const };
}

/**
 * Signs Data (hashing it) or Digested Data (already hashed): RSA schemes, ECDSA (see
 * ecdsa-digest.ts) and, over a SHA-512 digest, Ed25519ph (RFC 8032 §5.1, see ed25519ph.ts);
 * Ed448ph is Feature Not Supported.
 */
export function signWith(
  key: KeyObject,
  s: Scheme,
  data: Uint8Array | undefined,
  digested: Uint8Array | undefined,
): Buffer {
  try {
    if (digested === undefined) return sign(s.hash, data ?? new Uint8Array(), nodeOptions(key, s, false));
  } catch {
    throw new KmipError(ResultReason.CryptographicFailure, "signing failed");
  }
  if (s.kind === "eddsa") {
    checkPrehash(key, s, digested);
    try {
      return ed25519phSign(key, digested);
    } catch (e) {
      if (e instanceof KmipError) throw e;
      throw new KmipError(ResultReason.CryptographicFailure, "signing failed");
    }
  }
  checkDigest(s, digested);
  if (s.kind === "ecdsa") {
    try {
      return ecdsaSignDigest(key, digested);
    } catch (e) {
      if (e instanceof KmipError) throw e;
      throw new KmipError(ResultReason.CryptographicFailure, "signing failed");
    }
  }
  if (s.kind === "rsa-pkcs1") {
    return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([digestInfo(s.hash), digested]));
  }
  const bits = modulusBits(key);
  const em = emsaPssEncode(digested, bits - 1, s.hash, s.saltLength ?? hashLength(s.hash));
  const block = Buffer.concat([Buffer.alloc(Math.ceil(bits / 8) - em.length), em]);
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, block);
}

/**
 * signWith, with a signature over Data computed on libuv's thread pool (node:crypto's
 * asynchronous sign) instead of the event loop: an RSA-2048 signature takes about 0.3 ms,
 * during which the event loop keeps serving other connections, and on a machine with more
 * than one core several signatures run at once. Digested Data takes signWith's own path.
 */
export async function signAsync(
  key: KeyObject,
  s: Scheme,
  data: Uint8Array | undefined,
  digested: Uint8Array | undefined,
): Promise<Buffer> {
  if (digested !== undefined || data === undefined)
    return Promise.resolve().then(() => signWith(key, s, data, digested));
  return new Promise((resolve, reject) => {
    try {
      sign(s.hash, data, nodeOptions(key, s, false), (err, signature) => {
        if (err) reject(new KmipError(ResultReason.CryptographicFailure, "signing failed"));
        else resolve(signature);
      });
    } catch {
      reject(new KmipError(ResultReason.CryptographicFailure, "signing failed"));
    }
  });
}

/** verifyWith, over Data on libuv's thread pool like {@link signAsync}; a malformed signature is invalid. */
export async function verifyAsync(
  key: KeyObject,
  s: Scheme,
  data: Uint8Array | undefined,
  digested: Uint8Array | undefined,
  signature: Uint8Array,
): Promise<boolean> {
  if (digested !== undefined || data === undefined) return verifyWith(key, s, data, digested, signature);
  return new Promise((resolve) => {
    try {
      verify(s.hash, data, nodeOptions(key, s, true), signature, (err, valid) => resolve(err ? false : valid));
    } catch {
      resolve(false);
    }
  });
}

export function verifyWith(
  key: KeyObject,
  s: Scheme,
  data: Uint8Array | undefined,
  digested: Uint8Array | undefined,
  signature: Uint8Array,
): boolean {
  if (digested === undefined) {
    try {
      return verify(s.hash, data ?? new Uint8Array(), nodeOptions(key, s, true), signature);
    } catch {
      return false;
    }
  }
  if (s.kind === "eddsa") {
    checkPrehash(key, s, digested);
    return ed25519phVerify(key, digested, signature);
  }
  checkDigest(s, digested);
  if (s.kind === "ecdsa") return ecdsaVerifyDigest(key, digested, signature);
  const bits = modulusBits(key);
  if (signature.length !== Math.ceil(bits / 8)) return false;
  try {
    if (s.kind === "rsa-pkcs1") {
      const expected = Buffer.concat([digestInfo(s.hash), digested]);
      const got = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
      return got.length === expected.length && timingSafeEqual(got, expected);
    }
    const em = publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, signature);
    return emsaPssVerify(digested, em, bits - 1, s.hash, s.saltLength);
  } catch {
    return false;
  }
}

/** Ed25519ph signs PH(M) = SHA-512(M) (RFC 8032 §5.1): no other Hashing Algorithm, 64 octets. */
function checkPrehash(key: KeyObject, s: Scheme, digested: Uint8Array): void {
  if (key.asymmetricKeyType !== "ed25519") {
    throw kmipError.featureNotSupported("EdDSA over Digested Data is supported for Ed25519 (Ed25519ph) only");
  }
  if (s.prehash !== undefined && s.prehash !== HashingAlgorithm.SHA_512) {
    throw new KmipError(ResultReason.BadCryptographicParameters, "Ed25519ph signs a SHA-512 digest");
  }
  if (digested.length !== ED25519PH_DIGEST_LENGTH) {
    throw kmipError.invalidField("Digested Data for Ed25519ph is a 64-byte SHA-512 digest");
  }
}

function checkDigest(s: Scheme, digested: Uint8Array): asserts s is Scheme & { hash: string } {
  if (s.hash === null || digested.length !== hashLength(s.hash)) {
    throw kmipError.invalidField("Digested Data does not have the length of the Hashing Algorithm's output");
  }
}

function modulusBits(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw kmipError.invalidField("not an RSA key");
  return bits;
}

/** DigestInfo DER prefixes (RFC 8017 §9.2 note 1). */
const digestInfoPrefix: ReadonlyMap<string, string> = new Map([
  ["sha1", "3021300906052b0e03021a05000414"],
  ["sha224", "302d300d06096086480165030402040500041c"],
  ["sha256", "3031300d060960864801650304020105000420"],
  ["sha384", "3041300d060960864801650304020205000430"],
  ["sha512", "3051300d060960864801650304020305000440"],
  ["sha3-256", "3031300d060960864801650304020805000420"],
  ["sha3-384", "3041300d060960864801650304020905000430"],
  ["sha3-512", "3051300d060960864801650304020a05000440"],
]);

function digestInfo(hash: string): Buffer {
  const p = digestInfoPrefix.get(hash);
  if (p === undefined) throw kmipError.featureNotSupported(`PKCS#1 v1.5 over a ${hash} digest is not supported`);
  return Buffer.from(p, "hex");
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) from the message hash mHash, MGF1 with the same hash. */
function emsaPssEncode(mHash: Uint8Array, emBits: number, hash: string, sLen: number): Buffer {
  const hLen = mHash.length;
  const emLen = Math.ceil(emBits / 8);
  if (emLen < hLen + sLen + 2) throw kmipError.invalidField("Salt Length too large for this key");
  const salt = randomBytes(sLen);
  const h = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - sLen - hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(h, emLen - hLen - 1, hash);
  for (let i = 0; i < db.length; i++) db[i] = (db[i] ?? 0) ^ (mask[i] ?? 0);
  db[0] = (db[0] ?? 0) & (0xff >> (8 * emLen - emBits));
  return Buffer.concat([db, h, Buffer.from([0xbc])]);
}

/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2); `sLen` undefined means any salt length. */
function emsaPssVerify(
  mHash: Uint8Array,
  block: Buffer,
  emBits: number,
  hash: string,
  sLen: number | undefined,
): boolean {
  const hLen = mHash.length;
  const emLen = Math.ceil(emBits / 8);
  const em = block.subarray(block.length - emLen);
  if (block.length > emLen && block.subarray(0, block.length - emLen).some((b) => b !== 0)) return false;
  if (emLen < hLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff >> (8 * emLen - emBits);
  if (((maskedDb[0] ?? 0) & ~topMask) !== 0) return false;
  const mask = mgf1(h, emLen - hLen - 1, hash);
  const db = Buffer.alloc(maskedDb.length);
  for (let i = 0; i < db.length; i++) db[i] = (maskedDb[i] ?? 0) ^ (mask[i] ?? 0);
  db[0] = (db[0] ?? 0) & topMask;
  const one = db.indexOf(1);
  if (one < 0 || db.subarray(0, one).some((b) => b !== 0)) return false;
  const salt = db.subarray(one + 1);
  if (sLen !== undefined && salt.length !== sLen) return false;
  const h2 = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  return timingSafeEqual(h, h2);
}
