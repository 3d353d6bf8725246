import type { TtlvItem } from "../../ttlv/item.js";

/**
 * One attribute instance in custos' version-neutral model.
 *
 * `name` is the KMIP 1.x attribute name ("Cryptographic Algorithm"); custom attributes
 * keep their 1.x name ("x-purpose"), which KMIP 2.x splits into Vendor Identification
 * ("x") and Attribute Name ("purpose").
 * `value` carries the attribute's own tag (the KMIP 2.x encoding, e.g. CryptographicAlgorithm)
 * for standard attributes and the Attribute Value tag for custom ones.
 */
export interface Attr {
  readonly name: string;
  readonly value: TtlvItem;
}

/** Custom attribute names start with "x-" (client) or "y-" (server): KMIP 1.4 §3.39. */
export function isCustomName(name: string): boolean {
  return name.startsWith("x-") || name.startsWith("y-");
}

export function splitCustomName(name: string): { vendor: string; name: string } {
  const dash = name.indexOf("-");
  return { vendor: name.slice(0, dash), name: name.slice(dash + 1) };
}

export function retag(item: TtlvItem, tag: number): TtlvItem {
  return item.tag === tag ? item : ({ ...item, tag } as TtlvItem);
}
