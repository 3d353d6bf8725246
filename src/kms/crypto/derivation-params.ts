import { kmipError } from "../../kmip/kmip-error.js";
import type { ProtocolVersion } from "../../kmip/version.js";
import { DerivationMethod } from "../../ttlv/enums.js";
import { ItemType, type StructureItem } from "../../ttlv/item.js";
import type { ManagedObject } from "../managed-object.js";
import { type CryptoParams, readParams } from "./params.js";

/**
 * The base object's Cryptographic Parameters a Derive Key request uses.
 *
 * KMIP 1.x (1.4 §4.6, under Table 182): "The server SHALL verify that the specified mode
 * matches one of the instances of Cryptographic Parameters set for the corresponding key. If
 * Cryptographic Parameters are omitted, then the server SHALL select the Cryptographic
 * Parameters with the lowest Attribute Index for the specified key. If the corresponding key
 * does not have any Cryptographic Parameters attribute, or if no match is found, then an error
 * is returned." An instance matches when it has every field the request gives, with the same
 * value. Not checked: HMAC ("the attributes of the derivation key provide enough information
 * about the PRF, and the Cryptographic Parameters are ignored"); and a PBKDF2 base without
 * the attribute (Table 183: Cryptographic Parameters "No, depends on the PRF"). The error is
 * Invalid Field (1.4 §11.7 Table 333: "Invalid Derivation Parameters", "One or more of the
 * specified objects are not able to be used to derive a new key").
 *
 * KMIP 2.x (2.1 §7.12) dropped that rule: the request's Cryptographic Parameters are used,
 * completed from the instance with the lowest Attribute Index.
 */
export function derivationObjectParams(
  version: ProtocolVersion,
  method: number,
  request: StructureItem | undefined,
  base: ManagedObject,
): CryptoParams | undefined {
  const instances = base.attrs
    .getAll("Cryptographic Parameters")
    .filter((a): a is StructureItem => a.type === ItemType.Structure)
    .map(readParams);
  if (version.major >= 2 || method === DerivationMethod.HMAC) return instances[0];
  if (instances.length === 0) {
    if (method === DerivationMethod.PBKDF2) return undefined;
    throw kmipError.invalidField(`the base object ${base.id} has no Cryptographic Parameters to derive with`);
  }
  if (request === undefined) return instances[0];
  const wanted = readParams(request);
  const match = instances.find((p) => matches(wanted, p));
  if (match === undefined) {
    throw kmipError.invalidField(
      `the Cryptographic Parameters match none of those of the base object ${base.id} (KMIP 1.4 §4.6)`,
    );
  }
  return match;
}

function matches(wanted: CryptoParams, instance: CryptoParams): boolean {
  return (Object.keys(wanted) as (keyof CryptoParams)[]).every((k) => same(wanted[k], instance[k]));
}

function same(a: CryptoParams[keyof CryptoParams], b: CryptoParams[keyof CryptoParams]): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(b);
  return a === b;
}
