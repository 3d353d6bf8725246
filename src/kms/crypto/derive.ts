import { createHash, createHmac, hkdfSync, pbkdf2Sync } from "node:crypto";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  DerivationMethod,
  HashingAlgorithm,
  ResultReason,
} from "../../ttlv/enums.js";
import type { StructureItem } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { hashName, hmacName } from "./digests.js";
import { kbkdf } from "./kbkdf.js";
import { type CryptoParams, readParams } from "./params.js";
import { finishSymmetric, startSymmetric } from "./symmetric.js";

/** Highest PBKDF2 Iteration Count accepted: each iteration costs one HMAC, so a huge count is a CPU denial of service. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** Longest derived object (bytes): the output of one Derive Key request is bounded like any other Data. */
export const MAX_DERIVED_BYTES = 1024;

/**
 * Derivation Parameters (KMIP 1.4 §4.6 Table 42, 2.1 §2.1.x "Derivation Parameters"):
 * Cryptographic Parameters (its Hashing Algorithm selects the PRF), Initialization Vector,
 * Derivation Data, Salt, Iteration Count.
 */
export interface DerivationInput {
  readonly method: number;
  readonly key: Uint8Array;
  /** The base object's Cryptographic Algorithm (the cipher of the ENCRYPT method). */
  readonly algorithm?: number | undefined;
  /**
   * The base object's Cryptographic Parameters attribute (lowest Attribute Index): HASH and
   * ENCRYPT complete the request's Cryptographic Parameters from it ("If Cryptographic
   * Parameters are omitted, then the server SHALL select the Cryptographic Parameters with the
   * lowest Attribute Index for the specified key").
   */
  readonly objectParams?: CryptoParams | undefined;
  /**
   * KMIP 1.x: the PRF's Hashing Algorithm, when the request names none, is objectParams' (the
   * instance with the lowest Attribute Index, 1.4 §4.6). KMIP 2.x names no such fallback (2.1
   * §7.12: HKDF's "default hash function is SHA-256").
   */
  readonly prfFromObject?: boolean | undefined;
  readonly parameters: StructureItem | undefined;
  readonly lengthBytes: number;
}

function prf(d: DerivationInput, fallback: number): string {
  const cp = d.parameters === undefined ? undefined : opt.struct(d.parameters, Tag.CryptographicParameters);
  const fromObject = d.prfFromObject === true ? d.objectParams?.hashingAlgorithm : undefined;
  return hashName(readParams(cp).hashingAlgorithm ?? fromObject ?? fallback);
}

/**
 * HMAC's hash: "If a key is derived using HMAC, then the attributes of the derivation key
 * provide enough information about the PRF, and the Cryptographic Parameters are ignored"
 * (1.4 §4.6, 2.1 §7.12): an HMAC key (HMAC-SHA256, ...) names it. Other base objects (Secret
 * Data, an AES key) name none; the request's Hashing Algorithm then selects it, else SHA-256.
 */
function hmacHash(d: DerivationInput): string {
  const ofKey = d.algorithm === undefined ? undefined : hmacName(d.algorithm);
  return ofKey ?? prf(d, HashingAlgorithm.SHA_256);
}

/** 1.4 §11.7 Table 333: "The specified length exceeds the output of the derivation method" -> Cryptographic Failure. */
function tooLong(what: string): KmipError {
  return new KmipError(ResultReason.CryptographicFailure, `the length exceeds ${what}`);
}

function hashBytes(name: string): number {
  return createHmac(name, "").digest().length;
}

/**
 * Derives `lengthBytes` bytes from one base key:
 * - PBKDF2 (RFC 8018 §5.2): password = the base object's bytes; Salt; Iteration Count; PRF
 *   HMAC with the Hashing Algorithm (default SHA-256);
 * - HMAC: HMAC(base key, Derivation Data), at most one hash output long (see hmacHash());
 * - HKDF (RFC 5869): IKM = base key, Salt, info = Derivation Data;
 * - NIST800-108-C, -F and -DPI (SP 800-108r1 §4.1-4.3, HMAC PRF): see kbkdf.ts;
 * - HASH ("derives a key by computing a hash over the derivation key or the derivation data"):
 *   see hashDerive();
 * - ENCRYPT ("derives a key by encrypting the derivation data"): see encryptDerive().
 * Asymmetric Key and AWS Signature Version 4 are Feature Not Supported; a length beyond the
 * method's output is Cryptographic Failure ("If the specified length exceeds the output of the
 * derivation method, then the server SHALL return an error"; 1.4 §11.7 Table 333).
 */
export function derive(d: DerivationInput): Buffer {
  if (d.lengthBytes <= 0 || d.lengthBytes > MAX_DERIVED_BYTES) {
    throw kmipError.invalidField(`the derived length must be between 1 and ${MAX_DERIVED_BYTES} bytes`);
  }
  const p = d.parameters;
  const data = p === undefined ? undefined : opt.bytes(p, Tag.DerivationData);
  const salt = p === undefined ? undefined : opt.bytes(p, Tag.Salt);
  switch (d.method) {
    case DerivationMethod.PBKDF2: {
      const iterations = p === undefined ? undefined : opt.int(p, Tag.IterationCount);
      if (salt === undefined || iterations === undefined) {
        throw kmipError.missingData("PBKDF2 needs a Salt and an Iteration Count");
      }
      if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
        throw kmipError.invalidField(`Iteration Count must be between 1 and ${MAX_PBKDF2_ITERATIONS}`);
      }
      return pbkdf2Sync(d.key, salt, iterations, d.lengthBytes, prf(d, HashingAlgorithm.SHA_256));
    }
    case DerivationMethod.HMAC: {
      const h = hmacHash(d);
      if (data === undefined) throw kmipError.missingData("HMAC derivation needs Derivation Data");
      if (d.lengthBytes > hashBytes(h)) throw tooLong("the HMAC output");
      return createHmac(h, d.key).update(data).digest().subarray(0, d.lengthBytes);
    }
    case DerivationMethod.HKDF: {
      const h = prf(d, HashingAlgorithm.SHA_256);
      if (d.lengthBytes > 255 * hashBytes(h)) throw tooLong("HKDF's output");
      return Buffer.from(hkdfSync(h, d.key, salt ?? new Uint8Array(), data ?? new Uint8Array(), d.lengthBytes));
    }
    case DerivationMethod.NIST800_108_C:
    case DerivationMethod.NIST800_108_F:
    case DerivationMethod.NIST800_108_DPI: {
      const h = prf(d, HashingAlgorithm.SHA_256);
      if (data === undefined) throw kmipError.missingData("NIST SP 800-108 derivation needs Derivation Data");
      const iv = p === undefined ? undefined : opt.bytes(p, Tag.InitializationVector);
      return kbkdf({ mode: d.method, hash: h, key: d.key, fixedData: data, iv, lengthBytes: d.lengthBytes });
    }
    case DerivationMethod.HASH:
      return hashDerive(d, data);
    case DerivationMethod.ENCRYPT:
      return encryptDerive(d, data);
    default:
      throw new KmipError(
        ResultReason.FeatureNotSupported,
        `Derivation Method ${d.method} is not supported (PBKDF2, HASH, HMAC, ENCRYPT, HKDF, NIST800-108-C/F/DPI)`,
      );
  }
}

/** The request's Cryptographic Parameters completed field by field from the base object's. */
function effective(d: DerivationInput): CryptoParams {
  const cp = d.parameters === undefined ? undefined : opt.struct(d.parameters, Tag.CryptographicParameters);
  return { ...d.objectParams, ...readParams(cp) };
}

/**
 * HASH: Hash(base object), the hash algorithm from Cryptographic Parameters ("if a key is to be
 * derived using the HASH derivation method, then clients are REQUIRED to indicate the hash
 * algorithm inside Cryptographic Parameters"), else the base object's. "The HASH derivation
 * method REQUIRES either a derivation key or derivation data", and "If both are provided, then
 * an error SHALL be returned": Derive Key always names the base object, so Derivation Data is
 * Invalid Field here (a hash of client data alone would not depend on any managed secret).
 */
function hashDerive(d: DerivationInput, data: Uint8Array | undefined): Buffer {
  if (data !== undefined) {
    throw kmipError.invalidField("HASH derives from the base object: Derivation Data must not be given as well");
  }
  const h = hashName(effective(d).hashingAlgorithm);
  const out = createHash(h).update(d.key).digest();
  if (d.lengthBytes > out.length) throw tooLong("the hash output");
  return out.subarray(0, d.lengthBytes);
}

/**
 * ENCRYPT: the Derivation Data encrypted under the base key (its Cryptographic Algorithm) with
 * the Block Cipher Mode and Padding Method of the Cryptographic Parameters ("if a key is to be
 * derived using AES in CBC mode, then clients are REQUIRED to indicate the Block Cipher Mode"),
 * completed from the base key's; the IV is the Derivation Parameters' Initialization Vector,
 * else all zero ("empty IV is assumed if not provided"). The derived bytes are the first bytes
 * of the ciphertext. Only the block modes ECB and CBC are accepted: in a key-stream mode (CTR,
 * GCM, ChaCha20) the output is the public Derivation Data XOR a keystream fixed by key and IV,
 * so one derived key would reveal every other one derived with the same IV. A base object that
 * is no cipher key (Secret Data, an HMAC key) is Invalid Field; a cipher other than AES is
 * Feature Not Supported.
 */
function encryptDerive(d: DerivationInput, data: Uint8Array | undefined): Buffer {
  if (data === undefined) throw kmipError.missingData("ENCRYPT derivation needs Derivation Data");
  if (d.algorithm === undefined || hmacName(d.algorithm) !== undefined) {
    // 1.4 §11.7 Table 333: "One or more of the specified objects are not able to be used to derive a new key".
    throw kmipError.invalidField("ENCRYPT derivation needs a cipher key: the base object has no cipher");
  }
  const params = effective(d);
  const mode = params.blockCipherMode;
  if (d.algorithm === CryptographicAlgorithm.AES && mode !== BlockCipherMode.ECB && mode !== BlockCipherMode.CBC) {
    if (mode === undefined) {
      throw new KmipError(ResultReason.BadCryptographicParameters, "ENCRYPT derivation needs a Block Cipher Mode");
    }
    throw kmipError.featureNotSupported(
      "ENCRYPT derivation uses the block modes ECB or CBC (a key-stream mode would let one derived key reveal others)",
    );
  }
  if (d.algorithm !== CryptographicAlgorithm.AES) {
    throw kmipError.featureNotSupported("ENCRYPT derivation needs an AES base key");
  }
  const given = d.parameters === undefined ? undefined : opt.bytes(d.parameters, Tag.InitializationVector);
  const iv = mode === BlockCipherMode.CBC ? (given ?? new Uint8Array(16)) : undefined;
  const run = startSymmetric({
    algorithm: d.algorithm,
    key: d.key,
    params,
    iv,
    decrypt: false,
    aad: undefined,
    tag: undefined,
  });
  const out = finishSymmetric(run, data, false).data;
  if (d.lengthBytes > out.length) throw tooLong("the encrypted Derivation Data");
  return out.subarray(0, d.lengthBytes);
}
