import { kmipError } from "../../kmip/kmip-error.js";
import { req } from "../../kmip/read.js";
import { WrappingMethod } from "../../ttlv/enums.js";
import type { StructureItem } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";

/** One step of a Wrapping Method: encrypting the bytes, or computing a MAC/Signature over them. */
export type Step = "encrypt" | "mac";

/**
 * The steps of a Wrapping Method (1.4 §9.1.3.2.4, 2.1 §11.62), in the order they apply when wrapping;
 * unwrapping undoes them in reverse order.
 *
 * MAC/sign then encrypt: the spec names the method but gives no byte layout. 1.4 §2.1.5 / 2.1 §3.3
 * say the MAC/Signature field of Key Wrapping Data "contains a MAC or signature of the Key Value",
 * and 1.4 §2.1.4 / 2.1 §3.2 that the Key Value Byte String "is either the wrapped TTLV-encoded Key
 * Value structure, or the wrapped un-encoded value of the Byte String Key Material field" (no room
 * for a MAC inside it). So the MAC/Signature is computed over the encoded Key Value (the bytes MAC/sign
 * alone covers) and carried in Key Wrapping Data's MAC/Signature field, not inside the ciphertext; the
 * Key Value Byte String is the encryption of that same encoded Key Value (the bytes Encrypt alone
 * gives). Unwrapping decrypts, then verifies the MAC/Signature over the decrypted bytes.
 */
const methodSteps: ReadonlyMap<number, readonly Step[]> = new Map<number, readonly Step[]>([
  [WrappingMethod.Encrypt, ["encrypt"]],
  [WrappingMethod.MACSign, ["mac"]],
  [WrappingMethod.EncryptThenMACSign, ["encrypt", "mac"]],
  [WrappingMethod.MACSignThenEncrypt, ["mac", "encrypt"]],
]);

export function stepsOf(s: StructureItem): readonly Step[] {
  const steps = methodSteps.get(req.enum(s, Tag.WrappingMethod));
  if (steps === undefined) {
    throw kmipError.featureNotSupported(
      "Wrapping Method TR-31 is not supported (Encrypt, MAC/sign, Encrypt then MAC/sign and MAC/sign then encrypt are)",
    );
  }
  return steps;
}

/** 1.4 Table 9 / 2.1 Table 15 field order: Encryption Key Information before MAC/Signature Key Information. */
export const tableOrder: readonly Step[] = ["encrypt", "mac"];

/** The Key Information a step names, in a Key Wrapping Specification or Key Wrapping Data (Missing Data if absent). */
export function keyInformation(s: StructureItem, step: Step): StructureItem {
  return req.struct(s, step === "encrypt" ? Tag.EncryptionKeyInformation : Tag.MACSignatureKeyInformation);
}
