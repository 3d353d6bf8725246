import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { KeyFormatType, ResultReason } from "../../ttlv/enums.js";
import type { StructureItem } from "../../ttlv/item.js";
import { algorithmFits, defaultAlgorithm, keyFacts } from "./key-info.js";
import { keyObjectFromBlock } from "./key-object.js";

/** Formats whose DSA/DH material node:crypto cannot build; such keys are stored as given (KMIP 1.4 §2.1.7). */
const opaqueFormats: ReadonlySet<number> = new Set([
  KeyFormatType.Opaque,
  KeyFormatType.TransparentDSAPrivateKey,
  KeyFormatType.TransparentDSAPublicKey,
  KeyFormatType.TransparentDHPrivateKey,
  KeyFormatType.TransparentDHPublicKey,
]);

/**
 * Register of a Public or Private Key (KMIP 1.4 §4.3 / 2.1 §6.1.41): parses the Key Material with
 * node:crypto and returns the Cryptographic Algorithm and Length it proves (RSA: modulus bits;
 * EC: the curve's size; Ed25519/X25519: 256). Material that does not parse, an algorithm that does
 * not fit the key, or a stated length that contradicts the material is Invalid Field ("Incorrect
 * attribute value(s) specified", KMIP 1.4 §11.4). `undefined` for formats stored as given.
 */
export function asymmetricFacts(
  objectType: number,
  keyBlock: StructureItem,
  keyFormatType: number,
  stated: { readonly algorithm: number | undefined; readonly length: number | undefined },
): { readonly algorithm: number; readonly length: number } | undefined {
  if (opaqueFormats.has(keyFormatType)) return undefined;
  let facts: ReturnType<typeof keyFacts>;
  try {
    facts = keyFacts(keyObjectFromBlock(objectType, keyBlock));
  } catch (e) {
    if (e instanceof KmipError && e.reason === ResultReason.KeyFormatTypeNotSupported) return undefined;
    if (e instanceof KmipError) throw kmipError.invalidField(`the key material is not a valid key: ${e.message}`);
    throw kmipError.invalidField("the key material is not a valid key");
  }
  if (stated.algorithm !== undefined && !algorithmFits(facts, stated.algorithm)) {
    throw kmipError.invalidField("Cryptographic Algorithm does not match the key material");
  }
  if (stated.length !== undefined && stated.length !== facts.length) {
    throw kmipError.invalidField("Cryptographic Length does not match the key material");
  }
  return { algorithm: stated.algorithm ?? defaultAlgorithm(facts), length: facts.length };
}
