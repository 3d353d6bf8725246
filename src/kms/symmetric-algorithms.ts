import { poolRandomBytes } from "../crypto/random-pool.js";
import { kmipError } from "../kmip/kmip-error.js";
import { CryptographicAlgorithm } from "../ttlv/enums.js";

/**
 * Symmetric algorithms custos creates keys for, with the lengths (bits) each allows.
 * `undefined` lengths mean "any multiple of 8 in [min, max]" (HMAC keys).
 */
interface SymmetricSpec {
  readonly lengths?: readonly number[];
  readonly min?: number;
  readonly max?: number;
}

const hmac: SymmetricSpec = { min: 8, max: 4096 };

export const symmetricAlgorithms: ReadonlyMap<number, SymmetricSpec> = new Map<number, SymmetricSpec>([
  [CryptographicAlgorithm.AES, { lengths: [128, 192, 256] }],
  [CryptographicAlgorithm.Camellia, { lengths: [128, 192, 256] }],
  [CryptographicAlgorithm.ChaCha20, { lengths: [256] }],
  [CryptographicAlgorithm.ChaCha20Poly1305, { lengths: [256] }],
  [CryptographicAlgorithm.DES3, { lengths: [168, 192] }],
  [CryptographicAlgorithm.HMAC_SHA1, hmac],
  [CryptographicAlgorithm.HMAC_SHA224, hmac],
  [CryptographicAlgorithm.HMAC_SHA256, hmac],
  [CryptographicAlgorithm.HMAC_SHA384, hmac],
  [CryptographicAlgorithm.HMAC_SHA512, hmac],
  [CryptographicAlgorithm.HMAC_MD5, hmac],
]);

export function checkSymmetric(algorithm: number, length: number): void {
  const spec = symmetricAlgorithms.get(algorithm);
  if (spec === undefined)
    throw kmipError.invalidField(`Cryptographic Algorithm ${algorithm} is not a supported symmetric algorithm`);
  const ok =
    spec.lengths !== undefined
      ? spec.lengths.includes(length)
      : length % 8 === 0 && length >= (spec.min ?? 8) && length <= (spec.max ?? 4096);
  if (!ok) throw kmipError.invalidField(`Cryptographic Length ${length} is not valid for this algorithm`);
}

/** Fresh key bytes from node:crypto's CSPRNG (through the process's random pool: at most 64 bytes here). 3DES keys are stored as 24 bytes (168 bits of key plus parity). */
export function generateSymmetric(algorithm: number, length: number): Uint8Array {
  checkSymmetric(algorithm, length);
  const bytes = algorithm === CryptographicAlgorithm.DES3 ? 24 : length / 8;
  return poolRandomBytes(bytes);
}
