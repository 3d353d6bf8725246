import {
  constants,
  createHash,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { HashingAlgorithm, MaskGenerator, PaddingMethod, ResultReason } from "../../ttlv/enums.js";
import { hashName } from "./digests.js";
import type { CryptoParams } from "./params.js";
import { badParams } from "./symmetric.js";

/**
 * RSA Encrypt / Decrypt (KMIP 2.1 §6.1.17 / §6.1.11) with Padding Method OAEP (RFC 8017 §7.1:
 * Hashing Algorithm, Mask Generator MGF1 with Mask Generator Hashing Algorithm, P Source as the
 * label) or PKCS1 v1.5 (RFC 8017 §7.2). node:crypto's OAEP uses one hash for both the label and
 * MGF1; when they differ (CS-AC-M-OAEP-7..10) custos encodes EME-OAEP itself over raw RSA.
 */
const failure = () => new KmipError(ResultReason.CryptographicFailure, "RSA decryption failed");

function modulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw kmipError.invalidField("not an RSA key");
  return Math.ceil(bits / 8);
}

function oaepHashes(p: CryptoParams): { hash: string; mgf: string } {
  if (p.maskGenerator !== undefined && p.maskGenerator !== MaskGenerator.MGF1) {
    throw kmipError.featureNotSupported("only MGF1 is supported as Mask Generator");
  }
  const hash = hashName(p.hashingAlgorithm ?? HashingAlgorithm.SHA_1);
  const mgf = hashName(p.maskGeneratorHashingAlgorithm ?? p.hashingAlgorithm ?? HashingAlgorithm.SHA_1);
  return { hash, mgf };
}

export function rsaEncrypt(key: KeyObject, p: CryptoParams, data: Uint8Array): Buffer {
  const k = modulusBytes(key);
  switch (p.paddingMethod) {
    case PaddingMethod.OAEP: {
      const { hash, mgf } = oaepHashes(p);
      const hLen = createHash(hash).digest().length;
      if (data.length > k - 2 * hLen - 2) throw kmipError.invalidField("data too long for RSA-OAEP with this key");
      if (hash === mgf) {
        return publicEncrypt(
          {
            key,
            padding: constants.RSA_PKCS1_OAEP_PADDING,
            oaepHash: hash,
            ...(p.pSource ? { oaepLabel: p.pSource } : {}),
          },
          data,
        );
      }
      return publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, oaepEncode(k, data, hash, mgf, p.pSource));
    }
    case PaddingMethod.PKCS1V1_5:
      if (data.length > k - 11) throw kmipError.invalidField("data too long for RSA PKCS#1 v1.5 with this key");
      return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, data);
    case undefined:
      throw badParams("RSA encryption needs a Padding Method (OAEP or PKCS1 v1.5)");
    default:
      throw kmipError.featureNotSupported(`RSA Padding Method ${p.paddingMethod} is not supported`);
  }
}

export function rsaDecrypt(key: KeyObject, p: CryptoParams, data: Uint8Array): Buffer {
  const k = modulusBytes(key);
  if (data.length !== k) throw failure();
  switch (p.paddingMethod) {
    case PaddingMethod.OAEP: {
      const { hash, mgf } = oaepHashes(p);
      try {
        if (hash === mgf) {
          return privateDecrypt(
            {
              key,
              padding: constants.RSA_PKCS1_OAEP_PADDING,
              oaepHash: hash,
              ...(p.pSource ? { oaepLabel: p.pSource } : {}),
            },
            data,
          );
        }
        return oaepDecode(k, privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, data), hash, mgf, p.pSource);
      } catch {
        throw failure();
      }
    }
    case PaddingMethod.PKCS1V1_5: {
      // node:crypto refuses PKCS#1 v1.5 private decryption (CVE-2023-46809, the Marvin timing
      // attack); custos unpads itself over raw RSA, failing uniformly without early exits.
      let em: Buffer;
      try {
        em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, data);
      } catch {
        throw failure();
      }
      return pkcs1Unpad(em);
    }
    case undefined:
      throw badParams("RSA decryption needs a Padding Method (OAEP or PKCS1 v1.5)");
    default:
      throw kmipError.featureNotSupported(`RSA Padding Method ${p.paddingMethod} is not supported`);
  }
}

/** MGF1 (RFC 8017 §B.2.1), shared by OAEP here and PSS in signature.ts. */
export function mgf1(seed: Uint8Array, length: number, hash: string): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  for (let c = 0; total < length; c++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(c, 0);
    const h = createHash(hash).update(seed).update(counter).digest();
    parts.push(h);
    total += h.length;
  }
  return Buffer.concat(parts).subarray(0, length);
}

function xor(a: Uint8Array, b: Uint8Array): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}

/** EME-OAEP encoding (RFC 8017 §7.1.1 step 2). */
function oaepEncode(k: number, m: Uint8Array, hash: string, mgf: string, label: Uint8Array | undefined): Buffer {
  const lHash = createHash(hash)
    .update(label ?? new Uint8Array())
    .digest();
  const hLen = lHash.length;
  const db = Buffer.concat([lHash, Buffer.alloc(k - m.length - 2 * hLen - 2), Buffer.from([1]), m]);
  const seed = randomBytes(hLen);
  const maskedDb = xor(db, mgf1(seed, k - hLen - 1, mgf));
  const maskedSeed = xor(seed, mgf1(maskedDb, hLen, mgf));
  return Buffer.concat([Buffer.from([0]), maskedSeed, maskedDb]);
}

/** EME-OAEP decoding (RFC 8017 §7.1.2 step 3), with one error for every failure. */
function oaepDecode(k: number, em: Buffer, hash: string, mgf: string, label: Uint8Array | undefined): Buffer {
  const lHash = createHash(hash)
    .update(label ?? new Uint8Array())
    .digest();
  const hLen = lHash.length;
  const padded = Buffer.alloc(k);
  em.copy(padded, k - em.length);
  const maskedSeed = padded.subarray(1, 1 + hLen);
  const maskedDb = padded.subarray(1 + hLen);
  const seed = xor(maskedSeed, mgf1(maskedDb, hLen, mgf));
  const db = xor(maskedDb, mgf1(seed, k - hLen - 1, mgf));
  let bad = padded[0] === 0 ? 0 : 1;
  bad |= timingSafeEqual(db.subarray(0, hLen), lHash) ? 0 : 1;
  let sep = -1;
  for (let i = hLen; i < db.length; i++) {
    const b = db[i] ?? 0;
    if (sep < 0 && b === 1) sep = i;
    else if (sep < 0 && b !== 0) bad |= 1;
  }
  if (bad !== 0 || sep < 0) throw failure();
  return db.subarray(sep + 1);
}

/** EME-PKCS1-v1_5 decoding (RFC 8017 §7.2.2 step 3). */
function pkcs1Unpad(em: Buffer): Buffer {
  let bad = em[0] === 0 ? 0 : 1;
  bad |= em[1] === 2 ? 0 : 1;
  let sep = -1;
  for (let i = 2; i < em.length; i++) if (sep < 0 && em[i] === 0) sep = i;
  if (sep < 10) bad |= 1;
  if (bad !== 0) throw failure();
  return em.subarray(sep + 1);
}
