import { generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { KmipError } from "../../kmip/kmip-error.js";
import { ResultReason } from "../../ttlv/enums.js";
import type { KeyPairSpec } from "./key-pair-spec.js";

const generate = promisify(generateKeyPair);

/** RSA public exponent F4 = 65537 (NIST FIPS 186-5 §A.1.1 allows 2^16 < e < 2^256). */
const rsaPublicExponent = 0x10001;

export interface GeneratedPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/**
 * Generates a key pair with node:crypto (OpenSSL) off the event loop: RSA (FIPS 186-5 §A.1),
 * ECDSA/ECDH on a named curve, Ed25519 (RFC 8032) or X25519 (RFC 7748). A failure of the
 * generator is a Cryptographic Failure (KMIP 1.4 §11.3 "Error creating cryptographic object").
 */
export async function generatePair(spec: KeyPairSpec): Promise<GeneratedPair> {
  try {
    switch (spec.kind) {
      case "rsa":
        return await generate("rsa", { modulusLength: spec.length, publicExponent: rsaPublicExponent });
      case "ec":
        return await generate("ec", { namedCurve: spec.curve.openssl });
      case "ed25519":
        return await generate("ed25519", {});
      case "x25519":
        return await generate("x25519", {});
    }
  } catch {
    throw new KmipError(ResultReason.CryptographicFailure, "key pair generation failed");
  }
}
