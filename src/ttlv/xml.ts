/**
 * KMIP XML encoding: the "XML Encoding" of the KMIP Profiles (v1.4, v2.1),
 * first defined in KMIP Additional Message Encodings v1.0 §6.1 (Hex
 * representations, Tags, Normalizing Names, Type, Value, XML Element Encoding).
 *
 * Each TTLV item is one element:
 *
 *     <ActivationDate type="DateTime" value="2001-01-01T10:00:00+00:00"/>
 *     <RequestHeader> ...children... </RequestHeader>        (Structure: no type)
 *     <TTLV tag="0x540001" type="TextString" value="x"/>     (tag without a name)
 *
 * - element name: the tag's normalised name; for a tag without a name, the
 *   element `TTLV` with a `tag="0x54XXXX"` attribute.
 * - `type`: Integer, LongInteger, BigInteger, Enumeration, Boolean, TextString,
 *   ByteString, DateTime, Interval, DateTimeExtended; absent (or "Structure")
 *   for a Structure, whose children are the child elements.
 * - `value`: Integer decimal, "0x" hex, or for a bit-mask tag the names of the
 *   set bits separated by spaces ("Encrypt Decrypt"); LongInteger decimal (or
 *   "0x" hex); BigInteger plain hex, big-endian two's complement (xsd:hexBinary);
 *   Enumeration the value's name or "0x" + 8 hex digits; Boolean "true"/"false"
 *   (also "0"/"1"); TextString the text; ByteString plain hex; DateTime and
 *   DateTimeExtended ISO 8601 (xsd:dateTime) or "0x" + 16 hex digits; Interval
 *   decimal (or "0x" hex).
 * - In KMIP 1.x an Attribute Value that is an Enumeration or a mask Integer is
 *   named with the table of the attribute named by the preceding Attribute Name.
 *
 * Placeholders used by the conformance vectors ("$NOW", "$UNIQUE_IDENTIFIER_0")
 * are not values and are refused here; test/conformance/vectors.ts reads them.
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
  hex0xToInt64,
  hexToBigInt,
  hexToBytes,
  int64ToHex0x,
  parseDecimal,
  parseDecimalInt64,
  parseEnumeration,
  parseHex0x,
  parseIntegerText,
  parseIsoDateTime,
  uint32Range,
  valueTableTag,
} from "./text-values.js";
import {
  escapeXmlAttribute,
  KmipXmlError,
  parseXmlElements,
  type TextCodecLimits,
  type XmlElement,
} from "./xml-tokenizer.js";

export { KmipXmlError } from "./xml-tokenizer.js";

/** Element name used for tags that have no name (Additional Message Encodings §6.1.2). */
export const UNNAMED_TAG_ELEMENT = "TTLV";
/** Wrapper element of the OASIS test-vector files; not a KMIP tag. */
export const VECTOR_FILE_ROOT = "KMIP";

const typeByName: ReadonlyMap<string, ItemType> = new Map(Object.entries(ItemType).map(([name, type]) => [name, type]));

export interface XmlEncodeOptions {
  /** Indentation per level; default two spaces. "" writes everything on one line. */
  readonly indent?: string;
}

/** One TTLV item as KMIP XML. Throws KmipXmlError("bad-text") for text XML 1.0 cannot carry. */
export function ttlvToXml(item: TtlvItem, options?: XmlEncodeOptions): string {
  const indent = options?.indent ?? "  ";
  const out: string[] = [];
  writeItem(item, undefined, 0, indent, out);
  return out.join(indent === "" ? "" : "\n");
}

function writeItem(
  item: TtlvItem,
  attributeName: number | undefined,
  depth: number,
  indent: string,
  out: string[],
): void {
  const pad = indent.repeat(depth);
  const name = tagName(item.tag);
  const head = name.startsWith("0x") ? `${UNNAMED_TAG_ELEMENT} tag="${name}"` : name;
  if (item.type === ItemType.Structure) {
    if (item.value.length === 0) {
      out.push(`${pad}<${head}/>`);
      return;
    }
    out.push(`${pad}<${head}>`);
    let attrName: number | undefined;
    for (const child of item.value) {
      writeItem(child, attrName, depth + 1, indent, out);
      if (child.tag === Tag.AttributeName && child.type === ItemType.TextString) {
        attrName = attributeNameTag(child.value);
      }
    }
    out.push(`${pad}</${name.startsWith("0x") ? UNNAMED_TAG_ELEMENT : name}>`);
    return;
  }
  const value = escapeXmlAttribute(formatXmlValue(item, valueTableTag(item.tag, attributeName)));
  out.push(`${pad}<${head} type="${itemTypeNames[item.type]}" value="${value}"/>`);
}

/** The `value` attribute text of a non-Structure item. */
export function formatXmlValue(item: Exclude<TtlvItem, { type: typeof ItemType.Structure }>, tableTag: number): string {
  switch (item.type) {
    case ItemType.Integer:
      return formatMask(tableTag, item.value, " ") ?? String(item.value);
    case ItemType.LongInteger:
      return item.value.toString();
    case ItemType.BigInteger:
      return bigIntToHex(item.value);
    case ItemType.Enumeration:
      return formatEnumeration(tableTag, item.value);
    case ItemType.Boolean:
      return item.value ? "true" : "false";
    case ItemType.TextString:
      return item.value;
    case ItemType.ByteString:
      return bytesToHex(item.value);
    case ItemType.DateTime:
      return formatIsoDateTime(item.value) ?? int64ToHex0x(item.value);
    case ItemType.DateTimeExtended: {
      const seconds = item.value / 1_000_000n - (item.value % 1_000_000n < 0n ? 1n : 0n);
      const micros = Number(item.value - seconds * 1_000_000n);
      return formatIsoDateTime(seconds, micros) ?? int64ToHex0x(item.value);
    }
    case ItemType.Interval:
      return String(item.value);
  }
}

/** Exactly one KMIP element (optionally preceded by an XML declaration and comments). */
export function xmlToTtlv(xml: string, limits?: Partial<TextCodecLimits>): TtlvItem {
  const elements = parseXmlElements(xml, limits);
  const [first, second] = elements;
  if (first === undefined || second !== undefined) {
    throw new KmipXmlError("syntax", second?.offset ?? 0, "expected exactly one top-level element");
  }
  return xmlElementToTtlv(first);
}

/**
 * Every KMIP element of a document: the children of a `<KMIP>` wrapper (the
 * OASIS vector files) or else every top-level element.
 */
export function xmlToTtlvAll(xml: string, limits?: Partial<TextCodecLimits>): TtlvItem[] {
  return kmipElements(parseXmlElements(xml, limits)).map((el) => xmlElementToTtlv(el));
}

/** Unwraps a single `<KMIP>` root; otherwise returns the elements unchanged. */
export function kmipElements(elements: readonly XmlElement[]): readonly XmlElement[] {
  const [first] = elements;
  if (elements.length === 1 && first !== undefined && first.name === VECTOR_FILE_ROOT) {
    if (first.attributes.size !== 0) throw new KmipXmlError("syntax", first.offset, "attributes on <KMIP>");
    return first.children;
  }
  return elements;
}

/** The tag and item type an element declares. */
export function xmlElementHeader(el: XmlElement): { tag: number; type: ItemType } {
  for (const key of el.attributes.keys()) {
    if (key !== "type" && key !== "value" && !(key === "tag" && el.name === UNNAMED_TAG_ELEMENT)) {
      throw new KmipXmlError("syntax", el.offset, `unexpected attribute ${key} on <${el.name}>`);
    }
  }
  let tag: number | undefined;
  if (el.name === UNNAMED_TAG_ELEMENT) {
    const text = el.attributes.get("tag");
    if (text === undefined) throw new KmipXmlError("bad-tag", el.offset, "<TTLV> without a tag attribute");
    const v = parseHex0x(text, 6);
    tag = v !== undefined && text.length === 8 ? Number(v) : undefined;
  } else {
    tag = tagByName(el.name);
  }
  if (tag === undefined || (tag >>> 16 !== 0x42 && tag >>> 16 !== 0x54)) {
    throw new KmipXmlError("bad-tag", el.offset, `unknown tag <${el.name}>`);
  }
  const typeText = el.attributes.get("type") ?? "Structure";
  const type = typeByName.get(typeText);
  if (type === undefined) throw new KmipXmlError("bad-type", el.offset, `unknown type "${typeText}"`);
  if (type !== ItemType.Structure && el.children.length > 0) {
    throw new KmipXmlError("bad-type", el.offset, `<${el.name}> of type ${typeText} has child elements`);
  }
  if (type === ItemType.Structure && el.attributes.has("value")) {
    throw new KmipXmlError("bad-value", el.offset, `Structure <${el.name}> has a value attribute`);
  }
  if (type !== ItemType.Structure && !el.attributes.has("value")) {
    throw new KmipXmlError("bad-value", el.offset, `<${el.name}> has no value attribute`);
  }
  return { tag, type };
}

/** Converts one parsed element (and its children) to a TTLV item. */
export function xmlElementToTtlv(el: XmlElement, attributeName?: number): TtlvItem {
  const { tag, type } = xmlElementHeader(el);
  if (type === ItemType.Structure) {
    const children: TtlvItem[] = [];
    let attrName: number | undefined;
    for (const childEl of el.children) {
      const child = xmlElementToTtlv(childEl, attrName);
      children.push(child);
      if (child.tag === Tag.AttributeName && child.type === ItemType.TextString) {
        attrName = attributeNameTag(child.value);
      }
    }
    return { tag, type, value: children };
  }
  return parseXmlValue(tag, type, el.attributes.get("value") ?? "", el.offset, valueTableTag(tag, attributeName));
}

/**
 * Parses a `value` attribute as `type`. `tableTag` names the enumeration or
 * mask table (see valueTableTag); `offset` is reported in errors.
 */
export function parseXmlValue(tag: number, type: ItemType, text: string, offset: number, tableTag: number): TtlvItem {
  const bad = (what: string): never => {
    throw new KmipXmlError("bad-value", offset, `${tagName(tag)}: ${JSON.stringify(text.slice(0, 64))} is not ${what}`);
  };
  switch (type) {
    case ItemType.Structure:
      return bad("allowed for a Structure");
    case ItemType.Integer: {
      const v = parseIntegerText(tableTag, text, /\s+/);
      return { tag, type, value: v ?? bad("an Integer (decimal, 0x hex or mask names)") };
    }
    case ItemType.LongInteger: {
      const v = parseDecimalInt64(text) ?? (text.startsWith("0x") ? hex0xToInt64(text) : undefined);
      return { tag, type, value: v ?? bad("a Long Integer") };
    }
    case ItemType.BigInteger: {
      const v = hexToBigInt(text.startsWith("0x") ? text.slice(2) : text);
      return { tag, type, value: v ?? bad("a Big Integer (hex)") };
    }
    case ItemType.Enumeration: {
      const v = parseEnumeration(tableTag, text);
      return { tag, type, value: v ?? bad("an Enumeration name or 0x hex") };
    }
    case ItemType.Boolean: {
      const v = text === "true" || text === "1" ? true : text === "false" || text === "0" ? false : undefined;
      return { tag, type, value: v ?? bad("a Boolean") };
    }
    case ItemType.TextString:
      return { tag, type, value: text };
    case ItemType.ByteString: {
      const v = hexToBytes(text);
      return { tag, type, value: v ?? bad("a Byte String (hex)") };
    }
    case ItemType.DateTime: {
      if (text.startsWith("0x")) return { tag, type, value: hex0xToInt64(text) ?? bad("a Date-Time") };
      const v = parseIsoDateTime(text);
      if (v === undefined || v.micros !== 0) return bad("a Date-Time (ISO 8601, whole seconds)");
      return { tag, type, value: v.seconds };
    }
    case ItemType.DateTimeExtended: {
      if (text.startsWith("0x")) return { tag, type, value: hex0xToInt64(text) ?? bad("a Date-Time Extended") };
      const v = parseIsoDateTime(text) ?? bad("a Date-Time Extended (ISO 8601)");
      return { tag, type, value: v.seconds * 1_000_000n + BigInt(v.micros) };
    }
    case ItemType.Interval: {
      const hex = text.startsWith("0x") ? parseHex0x(text, 8) : undefined;
      const v = hex !== undefined ? Number(hex) : parseDecimal(text, uint32Range.min, uint32Range.max);
      return { tag, type, value: v ?? bad("an Interval") };
    }
  }
}
