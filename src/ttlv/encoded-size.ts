/**
 * Encoded TTLV sizes, without encoding (KMIP 1.4 §9.1.1, KMIP 2.1 §10.1).
 *
 * "Every Data object encoded by the TTLV scheme consists of four items, in order": a 3-byte
 * Item Tag, a 1-byte Item Type, a 4-byte Item Length, and the Item Value. "If the Item Type is
 * Structure, then the Item Length is the total length of all of the sub-items contained in the
 * structure, including any padding. [...] Text Strings and Byte Strings SHALL be padded with
 * the minimal number of bytes following the Item Value to obtain a multiple of eight bytes.
 * Integers, Enumerations, and Intervals SHALL be padded with four bytes following the Item
 * Value" (§9.1.1.3). Long Integers, Booleans and Date-Times are 8 bytes; Big Integers are
 * sign-extended to a multiple of 8 bytes (§9.1.1.4).
 *
 * The rules are those TtlvEncoder (encode.ts) writes by: `encodedBytes(x)` equals
 * `encodeTtlv(x).length` for every item the encoder accepts (test/ttlv/codec-property.test.ts).
 * Used to hold a response to the request's Maximum Response Size before it is encoded, and to
 * bound the answer of a multi-part part before its stream is touched.
 */
import { Buffer } from "node:buffer";
import { ItemType, type TtlvItem } from "./item.js";

/** Tag (3 bytes), Type (1) and Length (4) that precede every Item Value. */
export const ITEM_HEADER_BYTES = 8;

/** Encoded size of an item whose value is `valueLength` bytes: header, value, padding to a multiple of 8. */
export function itemBytes(valueLength: number): number {
  return ITEM_HEADER_BYTES + Math.ceil(valueLength / 8) * 8;
}

/** Encoded size of a Structure whose sub-items encode to `childBytes` bytes each. */
export function structureBytes(childBytes: readonly number[]): number {
  let sum = ITEM_HEADER_BYTES;
  for (const b of childBytes) sum += b;
  return sum;
}

/** Length of a Text String value: its UTF-8 bytes. */
export function textBytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * Length of a Big Integer value: two's complement, "padded with the minimal number of leading
 * sign-extended bytes to make the length a multiple of eight bytes" (§9.1.1.4), so one more
 * bit than the magnitude holds, for the sign, rounded up to 8 bytes (8 for any 64-bit value).
 */
export function bigIntegerBytes(v: bigint): number {
  const magnitude = v < 0n ? -v - 1n : v; // the bits a sign-extended encoding must hold
  const hex = magnitude.toString(16);
  const bitLength = (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0]!, 16)));
  return Math.ceil((bitLength + 1) / 64) * 8;
}

/** Encoded size of `item` and everything it contains. */
export function encodedBytes(item: TtlvItem): number {
  switch (item.type) {
    case ItemType.Structure: {
      let sum = ITEM_HEADER_BYTES;
      for (const child of item.value) sum += encodedBytes(child);
      return sum;
    }
    case ItemType.TextString:
      return itemBytes(textBytes(item.value));
    case ItemType.ByteString:
      return itemBytes(item.value.length);
    case ItemType.BigInteger:
      return itemBytes(bigIntegerBytes(item.value));
    default:
      // Integer, Enumeration, Interval (4 bytes, padded); Long Integer, Boolean, Date-Time (Extended) (8 bytes).
      return 16;
  }
}
