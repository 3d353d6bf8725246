/**
 * Value rules shared by the KMIP JSON and XML encodings (the "JSON Encoding"
 * and "XML Encoding" of the KMIP Profiles v1.4 and v2.1, first defined in KMIP
 * Additional Message Encodings v1.0 §4.1 and §6.1):
 *
 * - Hex representations: "0x" followed by big-endian hex digits, 8 digits for
 *   4-byte types (Integer, Enumeration, Interval), 16 for 8-byte types (Long
 *   Integer, Date-Time, Date-Time Extended, Boolean). Byte String is plain hex
 *   with no prefix.
 * - Tags: the tag's name in normalised CamelCase, or the 3-byte tag as hex
 *   ("0x540001") when the name is unknown.
 * - Enumerations: the value's normalised name, or hex when unknown. (KMIP 2.x
 *   Attribute Reference is an Enumeration of tags, named by tag name; the
 *   table in ./enums.ts covers it.)
 * - Integers that are bit masks (e.g. Cryptographic Usage Mask): the names of
 *   the set bits, joined by "|" in JSON and by spaces in XML; hex may stand for
 *   bits that have no name.
 * - Date-Time: ISO 8601 (xsd:dateTime), e.g. "2001-01-01T10:00:00+00:00".
 * - Attribute Value (KMIP 1.x): an Enumeration or mask Integer named by the
 *   preceding Attribute Name in the same Structure uses that attribute's table.
 *
 * Functions here return `undefined` for text they cannot parse; the JSON and XML
 * codecs turn that into their own typed errors with position.
 */
import { enumByTag } from "./enums.js";
import { maskByTag } from "./masks.js";
import { Tag, tagByName } from "./tags.js";

const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const UINT32_MAX = 0xffff_ffff;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Formats a non-negative number as "0x" + `digits` hex digits. */
export function hex0x(value: number | bigint, digits: number): string {
  return `0x${value.toString(16).padStart(digits, "0")}`;
}

/** Plain lowercase hex of bytes (Byte String, KMIP XML/JSON). */
export function bytesToHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** Parses plain hex (even length, no prefix); `undefined` if malformed. */
export function hexToBytes(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** "0x" + exactly 1..`maxDigits` hex digits -> unsigned bigint; `undefined` otherwise. */
export function parseHex0x(text: string, maxDigits: number): bigint | undefined {
  if (!text.startsWith("0x") || text.length < 3 || text.length > 2 + maxDigits) return undefined;
  if (!/^[0-9a-fA-F]+$/.test(text.slice(2))) return undefined;
  return BigInt(text);
}

/**
 * A Big Integer as big-endian two's complement hex, sign-extended to a multiple
 * of 8 bytes as on the wire (KMIP 1.4 §9.1.1.4).
 */
export function bigIntToHex(value: bigint): string {
  let bytes = 8;
  while (value < -(1n << BigInt(bytes * 8 - 1)) || value >= 1n << BigInt(bytes * 8 - 1)) bytes += 8;
  const unsigned = value < 0n ? (1n << BigInt(bytes * 8)) + value : value;
  return unsigned.toString(16).padStart(bytes * 2, "0");
}

/** Big-endian two's complement hex (any even length) -> bigint. */
export function hexToBigInt(text: string): bigint | undefined {
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(text)) return undefined;
  const unsigned = BigInt(`0x${text}`);
  const bits = BigInt(text.length * 4);
  return unsigned >= 1n << (bits - 1n) ? unsigned - (1n << bits) : unsigned;
}

/** 64-bit two's complement hex ("0x" + 16 digits) for Long Integer / Date-Time. */
export function int64ToHex0x(value: bigint): string {
  return hex0x(value < 0n ? (1n << 64n) + value : value, 16);
}

/** "0x" + up to 16 hex digits -> signed 64-bit bigint. */
export function hex0xToInt64(text: string): bigint | undefined {
  const u = parseHex0x(text, 16);
  if (u === undefined) return undefined;
  return u > INT64_MAX ? u - (1n << 64n) : u;
}

export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** Decimal integer text (optional leading "-") in [min, max]. */
export function parseDecimal(text: string, min: number, max: number): number | undefined {
  if (!/^-?[0-9]{1,10}$/.test(text)) return undefined;
  const v = Number(text);
  return v >= min && v <= max ? v : undefined;
}

/** Decimal text -> bigint within int64. */
export function parseDecimalInt64(text: string): bigint | undefined {
  if (!/^-?[0-9]{1,19}$/.test(text)) return undefined;
  const v = BigInt(text);
  return isInt64(v) ? v : undefined;
}

export const int32Range = { min: INT32_MIN, max: INT32_MAX } as const;
export const uint32Range = { min: 0, max: UINT32_MAX } as const;

// ---------------------------------------------------------------------------
// Date-Time

const MAX_DATE_MS = 8.64e15;

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * Seconds (and optional microseconds) since the epoch as ISO 8601 in UTC,
 * "YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00". `undefined` when outside years 0000-9999
 * (the caller then uses the hex representation).
 */
export function formatIsoDateTime(seconds: bigint, micros?: number): string | undefined {
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return undefined;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) return undefined;
  const base =
    `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return micros === undefined ? `${base}+00:00` : `${base}.${pad(micros, 6)}+00:00`;
}

const isoPattern =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$/;

/**
 * Parses ISO 8601 (xsd:dateTime with a mandatory zone: "Z" or "+hh:mm") into
 * whole seconds since the epoch plus microseconds. `undefined` if malformed or
 * not a real calendar date.
 */
export function parseIsoDateTime(text: string): { seconds: bigint; micros: number } | undefined {
  const m = isoPattern.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  let offsetMin = 0;
  if (zone !== undefined && zone !== "Z") {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  const seconds = BigInt(Math.floor(utc.getTime() / 1000)) - BigInt(offsetMin * 60);
  const micros = frac === undefined ? 0 : Number(frac.slice(1).padEnd(6, "0"));
  return { seconds, micros };
}

// ---------------------------------------------------------------------------
// Names: tags, enumerations, masks

/**
 * The tag whose enumeration or mask table applies to an item: the item's own
 * tag, except for a KMIP 1.x Attribute Value, which takes the table of the
 * attribute named by the preceding Attribute Name.
 */
export function valueTableTag(tag: number, attributeNameTag: number | undefined): number {
  return tag === Tag.AttributeValue && attributeNameTag !== undefined ? attributeNameTag : tag;
}

/**
 * Maps a KMIP 1.x Attribute Name ("Cryptographic Usage Mask") to its tag by the
 * profiles' name normalisation (punctuation becomes "_", words title-cased and
 * concatenated: "X.509 Certificate Identifier" -> "X_509CertificateIdentifier");
 * a second try drops the underscores. `undefined` for custom ("x-...") and
 * unknown names.
 */
export function attributeNameTag(name: string): number | undefined {
  if (name.length === 0 || name.length > 128) return undefined;
  const words = name
    .replace(/[()]/g, " ")
    .replace(/[^A-Za-z0-9\s]/g, "_")
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const camel = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  if (!/^[A-Za-z]/.test(camel)) return undefined;
  return tagByName(camel) ?? tagByName(camel.replace(/_/g, ""));
}

/** Enumeration value -> name, or "0x" + 8 hex digits when the table has no name for it. */
export function formatEnumeration(tableTag: number, value: number): string {
  return enumByTag.get(tableTag)?.byValue.get(value) ?? hex0x(value >>> 0, 8);
}

/** Enumeration name or "0x" hex -> value; `undefined` if neither. */
export function parseEnumeration(tableTag: number, text: string): number | undefined {
  if (text.startsWith("0x")) {
    const v = parseHex0x(text, 8);
    return v === undefined ? undefined : Number(v);
  }
  return enumByTag.get(tableTag)?.byName.get(text);
}

/** True when `tableTag` is an Integer bit mask with named bits. */
export function isMaskTag(tableTag: number): boolean {
  return maskByTag.has(tableTag);
}

/**
 * Mask Integer -> names of its set bits joined by `separator`, with any
 * unnamed bits as one trailing "0x" + 8-digit hex token. `undefined` if the tag
 * is not a mask or no bit is set (the caller writes the plain number).
 */
export function formatMask(tableTag: number, value: number, separator: string): string | undefined {
  const mask = maskByTag.get(tableTag);
  if (mask === undefined) return undefined;
  let rest = value >>> 0;
  if (rest === 0) return undefined;
  const names: string[] = [];
  for (const [name, bit] of mask.bits) {
    const b = bit >>> 0;
    if (b !== 0 && (rest & b) >>> 0 === b) {
      names.push(name);
      rest = (rest & ~b) >>> 0;
    }
  }
  if (names.length === 0) return undefined;
  if (rest !== 0) names.push(hex0x(rest, 8));
  return names.join(separator);
}

/**
 * Integer text: decimal, "0x" hex (two's complement 32-bit), or, for a mask
 * tag, names and hex tokens separated by `separator` (a RegExp for XML
 * whitespace, "|" for JSON). `undefined` if malformed or out of range.
 */
export function parseIntegerText(tableTag: number, text: string, separator: RegExp | string): number | undefined {
  const dec = parseDecimal(text, INT32_MIN, INT32_MAX);
  if (dec !== undefined) return dec;
  if (text.startsWith("0x")) {
    const v = parseHex0x(text, 8);
    return v === undefined ? undefined : Number(v) | 0;
  }
  const mask = maskByTag.get(tableTag);
  if (mask === undefined) return undefined;
  const tokens = text.trim().split(separator);
  let value = 0;
  for (const raw of tokens) {
    const token = raw.trim();
    if (token.length === 0) return undefined;
    const bit = mask.byName.get(token);
    if (bit !== undefined) {
      value |= bit;
      continue;
    }
    const hex = parseHex0x(token, 8);
    if (hex === undefined) return undefined;
    value |= Number(hex);
  }
  return value | 0;
}
