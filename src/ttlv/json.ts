/**
 * KMIP JSON encoding: the "JSON Encoding" of the KMIP Profiles (v1.4, v2.1),
 * first defined in KMIP Additional Message Encodings v1.0 §4.1 (Hex
 * representations, Tags, Normalizing Names, Type, Value, JSON Object).
 *
 * Each TTLV item is one JSON object `{"tag": ..., "type": ..., "value": ...}`:
 *
 * - `tag`: the tag's normalised name ("RequestMessage") or "0x" + 6 hex digits.
 * - `type`: Integer, LongInteger, BigInteger, Enumeration, Boolean, TextString,
 *   ByteString, DateTime, Interval, DateTimeExtended; omitted (or "Structure")
 *   for a Structure, whose `value` is an array of child objects.
 * - `value`:
 *   - Integer: a number, "0x" + 8 hex digits, or for a bit-mask tag the names
 *     of the set bits joined by "|" ("Encrypt|Decrypt"), hex allowed for bits
 *     without names;
 *   - LongInteger: a number when it fits a double exactly, else "0x" + 16 hex
 *     digits (two's complement);
 *   - BigInteger: a number when it fits a double exactly, else "0x" + hex,
 *     big-endian two's complement in a multiple of 8 bytes;
 *   - Enumeration: the value's name, or "0x" + 8 hex digits (a number is accepted);
 *   - Boolean: true/false (also "0x0000000000000000"/"0x0000000000000001");
 *   - TextString: a string; ByteString: plain hex, no "0x";
 *   - DateTime, DateTimeExtended: ISO 8601 ("2001-01-01T10:00:00+00:00"), or
 *     "0x" + 16 hex digits (seconds, resp. microseconds, since the epoch);
 *   - Interval: a number or "0x" + 8 hex digits.
 * - In KMIP 1.x an Attribute Value that is an Enumeration or a mask Integer is
 *   named with the table of the attribute named by the preceding Attribute Name.
 *
 * Numbers are written only when |n| <= 2^52 (so every JSON reader, whatever its
 * number type, keeps them exact); larger values use hex. Input numbers must be
 * safe integers; JSON text is read only through {@link jsonTextToTtlv}, which
 * bounds its size before `JSON.parse`.
 */
import { ItemType, itemTypeNames, type TtlvItem } from "./item.js";
import { Tag, tagByName, tagName } from "./tags.js";
import {
  attributeNameTag,
  bigIntToHex,
  bytesToHex,
  formatEnumeration,
  formatIsoDateTime,
  formatMask,
  hex0x,
  hex0xToInt64,
  hexToBigInt,
  hexToBytes,
  int32Range,
  int64ToHex0x,
  parseEnumeration,
  parseHex0x,
  parseIntegerText,
  parseIsoDateTime,
  uint32Range,
  valueTableTag,
} from "./text-values.js";
import { resolveTextCodecLimits, type TextCodecLimits } from "./xml-tokenizer.js";

/** Why a JSON value was refused. */
export const kmipJsonErrorCodes = {
  syntax: "text that is not JSON, or an item that is not an object with tag, type and value",
  "bad-tag": "a tag that is neither a known name nor 0x42XXXX/0x54XXXX hex",
  "bad-type": "a type that is not a KMIP item type name",
  "bad-value": "a value that does not match its type's JSON form",
  "too-deep": "Structures nested deeper than maxDepth",
  "too-many-items": "more items than maxItems",
  "too-large": "JSON text longer than maxBytes",
} as const;
export type KmipJsonErrorCode = keyof typeof kmipJsonErrorCodes;

/** Bad KMIP JSON. `path` locates the item, e.g. "RequestMessage/BatchItem[0]/Operation". */
export class KmipJsonError extends Error {
  override readonly name = "KmipJsonError";
  readonly code: KmipJsonErrorCode;
  readonly path: string;

  constructor(code: KmipJsonErrorCode, path: string, detail?: string) {
    super(`KMIP JSON ${code}${path === "" ? "" : ` at ${path}`}: ${detail ?? kmipJsonErrorCodes[code]}`);
    this.code = code;
    this.path = path;
  }
}

/** A KMIP JSON item as produced by {@link ttlvToJson}. */
export interface KmipJsonItem {
  readonly tag: string;
  readonly type?: string;
  readonly value: readonly KmipJsonItem[] | string | number | boolean;
}

/** Largest magnitude written as a JSON number (see module comment). */
const MAX_JSON_NUMBER = 2 ** 52;

const typeByName: ReadonlyMap<string, ItemType> = new Map(Object.entries(ItemType).map(([name, type]) => [name, type]));

/** One TTLV item as a JSON-serialisable object. */
export function ttlvToJson(item: TtlvItem): KmipJsonItem {
  return toJson(item, undefined);
}

function toJson(item: TtlvItem, attributeName: number | undefined): KmipJsonItem {
  const tag = tagName(item.tag);
  if (item.type === ItemType.Structure) {
    const value: KmipJsonItem[] = [];
    let attrName: number | undefined;
    for (const child of item.value) {
      value.push(toJson(child, attrName));
      if (child.tag === Tag.AttributeName && child.type === ItemType.TextString) {
        attrName = attributeNameTag(child.value);
      }
    }
    return { tag, value };
  }
  const type = itemTypeNames[item.type];
  const tableTag = valueTableTag(item.tag, attributeName);
  switch (item.type) {
    case ItemType.Integer:
      return { tag, type, value: formatMask(tableTag, item.value, "|") ?? item.value };
    case ItemType.LongInteger:
      return { tag, type, value: fitsNumber(item.value) ? Number(item.value) : int64ToHex0x(item.value) };
    case ItemType.BigInteger:
      return { tag, type, value: fitsNumber(item.value) ? Number(item.value) : `0x${bigIntToHex(item.value)}` };
    case ItemType.Enumeration:
      return { tag, type, value: formatEnumeration(tableTag, item.value) };
    case ItemType.Boolean:
    case ItemType.TextString:
    case ItemType.Interval:
      return { tag, type, value: item.value };
    case ItemType.ByteString:
      return { tag, type, value: bytesToHex(item.value) };
    case ItemType.DateTime:
      return { tag, type, value: formatIsoDateTime(item.value) ?? int64ToHex0x(item.value) };
    case ItemType.DateTimeExtended: {
      const seconds = item.value / 1_000_000n - (item.value % 1_000_000n < 0n ? 1n : 0n);
      const micros = Number(item.value - seconds * 1_000_000n);
      return { tag, type, value: formatIsoDateTime(seconds, micros) ?? int64ToHex0x(item.value) };
    }
  }
}

function fitsNumber(v: bigint): boolean {
  return v >= -BigInt(MAX_JSON_NUMBER) && v <= BigInt(MAX_JSON_NUMBER);
}

/** Parses KMIP JSON text, refusing text longer than maxBytes before `JSON.parse` sees it. */
export function jsonTextToTtlv(text: string, limits?: Partial<TextCodecLimits>): TtlvItem {
  const lim = resolveTextCodecLimits(limits);
  if (text.length > lim.maxBytes || new TextEncoder().encode(text).length > lim.maxBytes) {
    throw new KmipJsonError("too-large", "", `JSON text longer than ${lim.maxBytes} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new KmipJsonError("syntax", "", e instanceof Error ? e.message : "invalid JSON");
  }
  return jsonToTtlv(parsed, lim);
}

/** Converts a parsed KMIP JSON value (see module comment) to a TTLV item. */
export function jsonToTtlv(value: unknown, limits?: Partial<TextCodecLimits>): TtlvItem {
  const lim = resolveTextCodecLimits(limits);
  const state = { items: 0 };
  return fromJson(value, undefined, 1, "", lim, state);
}

function fromJson(
  json: unknown,
  attributeName: number | undefined,
  depth: number,
  parentPath: string,
  lim: TextCodecLimits,
  state: { items: number },
): TtlvItem {
  if (++state.items > lim.maxItems) throw new KmipJsonError("too-many-items", parentPath, `more than ${lim.maxItems}`);
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new KmipJsonError("syntax", parentPath, "an item must be a JSON object");
  }
  for (const key of Object.keys(json)) {
    if (key !== "tag" && key !== "type" && key !== "value") {
      throw new KmipJsonError("syntax", parentPath, `unexpected member ${JSON.stringify(key.slice(0, 32))}`);
    }
  }
  const obj = json as { tag?: unknown; type?: unknown; value?: unknown };
  const tagText = Object.hasOwn(obj, "tag") ? obj.tag : undefined;
  if (typeof tagText !== "string") throw new KmipJsonError("bad-tag", parentPath, "missing tag");
  const tag = tagByName(tagText);
  if (tag === undefined || (tag >>> 16 !== 0x42 && tag >>> 16 !== 0x54)) {
    throw new KmipJsonError("bad-tag", parentPath, `unknown tag ${JSON.stringify(tagText.slice(0, 64))}`);
  }
  const path = parentPath === "" ? tagText : `${parentPath}/${tagText}`;
  const typeText = Object.hasOwn(obj, "type") ? obj.type : "Structure";
  const type = typeof typeText === "string" ? typeByName.get(typeText) : undefined;
  if (type === undefined) throw new KmipJsonError("bad-type", path, `unknown type ${JSON.stringify(typeText)}`);
  if (!Object.hasOwn(obj, "value")) throw new KmipJsonError("bad-value", path, "missing value");
  const v = obj.value;

  if (type === ItemType.Structure) {
    if (!Array.isArray(v)) throw new KmipJsonError("bad-value", path, "a Structure's value must be an array");
    if (depth > lim.maxDepth) throw new KmipJsonError("too-deep", path, `deeper than ${lim.maxDepth}`);
    const children: TtlvItem[] = [];
    let attrName: number | undefined;
    for (let i = 0; i < v.length; i++) {
      const child = fromJson(v[i], attrName, depth + 1, `${path}[${i}]`, lim, state);
      children.push(child);
      if (child.tag === Tag.AttributeName && child.type === ItemType.TextString) {
        attrName = attributeNameTag(child.value);
      }
    }
    return { tag, type, value: children };
  }

  const tableTag = valueTableTag(tag, attributeName);
  const bad = (what: string): never => {
    const shown = typeof v === "string" ? JSON.stringify(v.slice(0, 64)) : String(v);
    throw new KmipJsonError("bad-value", path, `${shown} is not ${what}`);
  };
  const isInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);
  switch (type) {
    case ItemType.Integer: {
      if (isInt(v)) return { tag, type, value: v >= int32Range.min && v <= int32Range.max ? v : bad("an int32") };
      const parsed = typeof v === "string" ? parseIntegerText(tableTag, v, "|") : undefined;
      return { tag, type, value: parsed ?? bad("an Integer (number, 0x hex or mask names)") };
    }
    case ItemType.LongInteger: {
      if (isInt(v)) return { tag, type, value: BigInt(v) };
      const parsed = typeof v === "string" ? hex0xToInt64(v) : undefined;
      return { tag, type, value: parsed ?? bad("a Long Integer (number or 0x hex)") };
    }
    case ItemType.BigInteger: {
      if (isInt(v)) return { tag, type, value: BigInt(v) };
      const parsed = typeof v === "string" && v.startsWith("0x") ? hexToBigInt(v.slice(2)) : undefined;
      return { tag, type, value: parsed ?? bad("a Big Integer (number or 0x hex)") };
    }
    case ItemType.Enumeration: {
      if (isInt(v)) return { tag, type, value: v >= 0 && v <= uint32Range.max ? v : bad("a uint32") };
      const parsed = typeof v === "string" ? parseEnumeration(tableTag, v) : undefined;
      return { tag, type, value: parsed ?? bad("an Enumeration name or 0x hex") };
    }
    case ItemType.Boolean: {
      if (typeof v === "boolean") return { tag, type, value: v };
      if (v === hex0x(0, 16)) return { tag, type, value: false };
      if (v === hex0x(1, 16)) return { tag, type, value: true };
      return bad("a Boolean");
    }
    case ItemType.TextString:
      return { tag, type, value: typeof v === "string" ? v : bad("a string") };
    case ItemType.ByteString: {
      const parsed = typeof v === "string" ? hexToBytes(v) : undefined;
      return { tag, type, value: parsed ?? bad("a Byte String (hex, no 0x)") };
    }
    case ItemType.DateTime: {
      if (typeof v !== "string") return bad("a Date-Time string");
      if (v.startsWith("0x")) return { tag, type, value: hex0xToInt64(v) ?? bad("a Date-Time") };
      const parsed = parseIsoDateTime(v);
      if (parsed === undefined || parsed.micros !== 0) return bad("a Date-Time (ISO 8601, whole seconds)");
      return { tag, type, value: parsed.seconds };
    }
    case ItemType.DateTimeExtended: {
      if (typeof v !== "string") return bad("a Date-Time Extended string");
      if (v.startsWith("0x")) return { tag, type, value: hex0xToInt64(v) ?? bad("a Date-Time Extended") };
      const parsed = parseIsoDateTime(v) ?? bad("a Date-Time Extended (ISO 8601)");
      return { tag, type, value: parsed.seconds * 1_000_000n + BigInt(parsed.micros) };
    }
    case ItemType.Interval: {
      if (isInt(v)) return { tag, type, value: v >= 0 && v <= uint32Range.max ? v : bad("a uint32") };
      const parsed = typeof v === "string" ? parseHex0x(v, 8) : undefined;
      return { tag, type, value: parsed !== undefined ? Number(parsed) : bad("an Interval (number or 0x hex)") };
    }
  }
}
