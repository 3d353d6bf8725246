import { createHmac } from "node:crypto";
import { DerivationMethod } from "../../ttlv/enums.js";

/**
 * NIST SP 800-108r1 key-based KDFs with HMAC as the PRF (KMIP 1.4 §4.6 / 2.1 §11.14:
 * NIST800-108-C "Counter Mode", NIST800-108-F "Feedback Mode", NIST800-108-DPI "Double-Pipeline
 * Iteration Mode"). KMIP passes the SP's fixed input data as Derivation Data ("For the NIST SP
 * 800-108 methods, Derivation Data is Label||{0x00}||Context"); the client appends [L]_2 when it
 * wants it, as `openssl kdf KBKDF` does. The counter [i]_32 is a 32-bit big-endian integer from 1
 * and is always present (it is optional in feedback and double-pipeline modes; custos includes it,
 * as OpenSSL's KBKDF does):
 * - counter (§4.1):  K(i) = PRF(KI, [i]_32 || FixedData);
 * - feedback (§4.2): K(0) = IV; K(i) = PRF(KI, K(i-1) || [i]_32 || FixedData), IV from the
 *   Derivation Parameters' Initialization Vector ("empty IV is assumed if not provided");
 * - double-pipeline (§4.3): A(0) = FixedData; A(i) = PRF(KI, A(i-1));
 *   K(i) = PRF(KI, A(i) || [i]_32 || FixedData).
 * The output is K(1) || K(2) || ... cut to `lengthBytes`.
 */
export interface KbkdfInput {
  /** NIST800_108_C, NIST800_108_F or NIST800_108_DPI. */
  readonly mode: number;
  /** node:crypto digest name of the HMAC PRF. */
  readonly hash: string;
  readonly key: Uint8Array;
  readonly fixedData: Uint8Array;
  /** Feedback mode only: K(0). */
  readonly iv: Uint8Array | undefined;
  readonly lengthBytes: number;
}

export function kbkdf(k: KbkdfInput): Buffer {
  const prf = (...parts: Uint8Array[]): Buffer => {
    const mac = createHmac(k.hash, k.key);
    for (const p of parts) mac.update(p);
    return mac.digest();
  };
  const blocks: Buffer[] = [];
  let previous: Uint8Array = k.iv ?? new Uint8Array();
  let a: Uint8Array = k.fixedData;
  for (let i = 1, total = 0; total < k.lengthBytes; i++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(i, 0);
    let block: Buffer;
    if (k.mode === DerivationMethod.NIST800_108_F) {
      block = prf(previous, counter, k.fixedData);
      previous = block;
    } else if (k.mode === DerivationMethod.NIST800_108_DPI) {
      a = prf(a);
      block = prf(a, counter, k.fixedData);
    } else {
      block = prf(counter, k.fixedData);
    }
    blocks.push(block);
    total += block.length;
  }
  return Buffer.concat(blocks).subarray(0, k.lengthBytes);
}
