import { createHmac, hkdfSync, pbkdf2Sync } from "node:crypto";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import { DerivationMethod, HashingAlgorithm, ResultReason } from "../../ttlv/enums.js";
import type { StructureItem } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { hashName } from "./digests.js";
import { readParams } from "./params.js";

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
  readonly parameters: StructureItem | undefined;
  readonly lengthBytes: number;
}

function prf(parameters: StructureItem | undefined, fallback: number): string {
  const cp = parameters === undefined ? undefined : opt.struct(parameters, Tag.CryptographicParameters);
  return hashName(readParams(cp).hashingAlgorithm ?? fallback);
}

function hashBytes(name: string): number {
  return createHmac(name, "").digest().length;
}

/**
 * Derives `lengthBytes` bytes from one base key:
 * - PBKDF2 (RFC 8018 §5.2): password = the base object's bytes; Salt; Iteration Count; PRF
 *   HMAC with the Hashing Algorithm (default SHA-256);
 * - HMAC: HMAC(base key, Derivation Data), at most one hash output long;
 * - HKDF (RFC 5869): IKM = base key, Salt, info = Derivation Data;
 * - NIST800-108-C (SP 800-108r1 §4.1, counter mode, HMAC PRF, 32-bit big-endian counter from 1
 *   placed before the fixed input data): K(i) = HMAC(KI, [i]_32 || Derivation Data), where the
 *   client encodes Label || 0x00 || Context || [L]_2 in Derivation Data as the SP asks.
 * Other methods are Feature Not Supported; a length beyond the method's output is Invalid Field.
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
      return pbkdf2Sync(d.key, salt, iterations, d.lengthBytes, prf(p, HashingAlgorithm.SHA_256));
    }
    case DerivationMethod.HMAC: {
      const h = prf(p, HashingAlgorithm.SHA_256);
      if (data === undefined) throw kmipError.missingData("HMAC derivation needs Derivation Data");
      if (d.lengthBytes > hashBytes(h)) throw kmipError.invalidField("the length exceeds the HMAC output");
      return createHmac(h, d.key).update(data).digest().subarray(0, d.lengthBytes);
    }
    case DerivationMethod.HKDF: {
      const h = prf(p, HashingAlgorithm.SHA_256);
      if (d.lengthBytes > 255 * hashBytes(h)) throw kmipError.invalidField("the length exceeds HKDF's output");
      return Buffer.from(hkdfSync(h, d.key, salt ?? new Uint8Array(), data ?? new Uint8Array(), d.lengthBytes));
    }
    case DerivationMethod.NIST800_108_C: {
      const h = prf(p, HashingAlgorithm.SHA_256);
      if (data === undefined) throw kmipError.missingData("NIST SP 800-108 derivation needs Derivation Data");
      const blocks: Buffer[] = [];
      for (let i = 1, total = 0; total < d.lengthBytes; i++) {
        const counter = Buffer.alloc(4);
        counter.writeUInt32BE(i, 0);
        const k = createHmac(h, d.key).update(counter).update(data).digest();
        blocks.push(k);
        total += k.length;
      }
      return Buffer.concat(blocks).subarray(0, d.lengthBytes);
    }
    default:
      throw new KmipError(
        ResultReason.FeatureNotSupported,
        `Derivation Method ${d.method} is not supported (PBKDF2, HMAC, HKDF, NIST800-108-C)`,
      );
  }
}
