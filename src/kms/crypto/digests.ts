import { createHash } from "node:crypto";
import { kmipError } from "../../kmip/kmip-error.js";
import { CryptographicAlgorithm, HashingAlgorithm } from "../../ttlv/enums.js";

/** Hashing Algorithm (KMIP 1.4 §9.1.3.2.16, 2.1 §11.21) -> node:crypto digest name. */
const hashNames: ReadonlyMap<number, string> = new Map([
  [HashingAlgorithm.MD5, "md5"],
  [HashingAlgorithm.SHA_1, "sha1"],
  [HashingAlgorithm.SHA_224, "sha224"],
  [HashingAlgorithm.SHA_256, "sha256"],
  [HashingAlgorithm.SHA_384, "sha384"],
  [HashingAlgorithm.SHA_512, "sha512"],
  [HashingAlgorithm.RIPEMD_160, "ripemd160"],
  [HashingAlgorithm.SHA_512_224, "sha512-224"],
  [HashingAlgorithm.SHA_512_256, "sha512-256"],
  [HashingAlgorithm.SHA3_224, "sha3-224"],
  [HashingAlgorithm.SHA3_256, "sha3-256"],
  [HashingAlgorithm.SHA3_384, "sha3-384"],
  [HashingAlgorithm.SHA3_512, "sha3-512"],
]);

export function hashName(alg: number | undefined): string {
  if (alg === undefined) throw kmipError.missingData("a Hashing Algorithm is required");
  const n = hashNames.get(alg);
  if (n === undefined) throw kmipError.featureNotSupported(`Hashing Algorithm ${alg} is not supported`);
  return n;
}

/** HMAC Cryptographic Algorithms (KMIP 2.1 §11.12) -> node:crypto digest name. */
const hmacNames: ReadonlyMap<number, string> = new Map([
  [CryptographicAlgorithm.HMAC_SHA1, "sha1"],
  [CryptographicAlgorithm.HMAC_SHA224, "sha224"],
  [CryptographicAlgorithm.HMAC_SHA256, "sha256"],
  [CryptographicAlgorithm.HMAC_SHA384, "sha384"],
  [CryptographicAlgorithm.HMAC_SHA512, "sha512"],
  [CryptographicAlgorithm.HMAC_MD5, "md5"],
  [CryptographicAlgorithm.HMAC_SHA3_224, "sha3-224"],
  [CryptographicAlgorithm.HMAC_SHA3_256, "sha3-256"],
  [CryptographicAlgorithm.HMAC_SHA3_384, "sha3-384"],
  [CryptographicAlgorithm.HMAC_SHA3_512, "sha3-512"],
]);

export function hmacName(alg: number): string | undefined {
  return hmacNames.get(alg);
}

const digestLengths = new Map<string, number>();

/** Output length in bytes of the node:crypto digest `name` (also that of its HMAC). */
export function digestBytes(name: string): number {
  let n = digestLengths.get(name);
  if (n === undefined) {
    n = createHash(name).digest().length;
    digestLengths.set(name, n);
  }
  return n;
}
