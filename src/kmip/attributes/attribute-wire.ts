import { ItemType, type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag, tagName } from "../../ttlv/tags.js";
import { type AttributeDef, attributeByName, attributeByTag } from "../attribute-defs.js";
import { kmipError } from "../kmip-error.js";
import { asStruct, find, opt, req } from "../read.js";
import { isV2, type ProtocolVersion } from "../version.js";
import { type Attr, isCustomName, retag, splitCustomName } from "./attribute.js";

/**
 * Conversion between the wire forms of attributes and custos' model (see attribute.ts).
 *
 * KMIP 1.x (1.4 §2.1.1 "Attribute"): Attribute { Attribute Name, Attribute Index?, Attribute Value }.
 * KMIP 2.x (2.1 §2.1.1 / §4): each attribute is its own tagged item inside Attributes; custom and
 * vendor attributes use Attribute { Vendor Identification, Attribute Name, Attribute Value }.
 */

function checkType(def: AttributeDef, value: TtlvItem): void {
  if (def.type !== value.type) {
    throw kmipError.invalidField(`${def.name}: wrong item type for the attribute value`);
  }
}

export interface DecodedAttribute extends Attr {
  readonly index: number | undefined;
}

/** Decodes a KMIP 1.x Attribute structure. */
export function decodeAttribute1(item: TtlvItem): DecodedAttribute {
  const s = asStruct(item);
  const name = req.text(s, Tag.AttributeName);
  const index = opt.int(s, Tag.AttributeIndex);
  const raw = find(s, Tag.AttributeValue);
  return { ...attrFromNameValue(name, raw), index };
}

/** Name + (possibly absent) raw Attribute Value into an Attr; absent values are allowed only by callers that say so. */
function attrFromNameValue(name: string, raw: TtlvItem | undefined): Attr {
  if (isCustomName(name)) {
    if (raw === undefined) throw kmipError.missingData(`${name}: Attribute Value is required`);
    return { name, value: retag(raw, Tag.AttributeValue) };
  }
  const def = attributeByName(name);
  if (def === undefined) throw kmipError.invalidField(`unknown attribute "${name}"`);
  if (raw === undefined) throw kmipError.missingData(`${name}: Attribute Value is required`);
  const value = retag(raw, def.tag);
  checkType(def, value);
  return { name: def.name, value };
}

/** Decodes one item inside a KMIP 2.x Attributes / New Attribute / Current Attribute structure. */
export function decodeAttribute2(item: TtlvItem): Attr {
  if (item.tag === Tag.Attribute) {
    const s = asStruct(item);
    const vendor = req.text(s, Tag.VendorIdentification);
    const name = req.text(s, Tag.AttributeName);
    const raw = find(s, Tag.AttributeValue);
    if (raw === undefined) throw kmipError.missingData("Attribute Value is required");
    return { name: `${vendor}-${name}`, value: retag(raw, Tag.AttributeValue) };
  }
  const def = attributeByTag(item.tag);
  if (def === undefined) throw kmipError.invalidField(`${tagName(item.tag)} is not an attribute`);
  checkType(def, item);
  return { name: def.name, value: item };
}

export function decodeAttributes2(item: TtlvItem): Attr[] {
  return asStruct(item).value.map(decodeAttribute2);
}

/**
 * The attributes of a Create/Register/Locate request in either version: KMIP 1.x Template-Attribute
 * (or bare Attribute items) and KMIP 2.x Attributes.
 */
export function decodeRequestAttributes(payload: StructureItem, containerTag: number): Attr[] {
  const out: Attr[] = [];
  for (const c of payload.value) {
    if (c.tag === containerTag || c.tag === Tag.Attributes) {
      if (c.tag === Tag.Attributes) {
        out.push(...decodeAttributes2(c));
        continue;
      }
      for (const a of asStruct(c).value) {
        if (a.tag === Tag.Attribute) out.push(decodeAttribute1(a));
        else if (a.tag === Tag.Name) throw kmipError.featureNotSupported("Templates are not supported");
        else throw kmipError.invalidField(`${tagName(a.tag)} is not allowed in ${tagName(c.tag)}`);
      }
    } else if (c.tag === Tag.Attribute) {
      out.push(decodeAttribute1(c));
    }
  }
  return out;
}

/** Attribute Reference (2.x): an Enumeration holding the attribute's tag, or a structure naming a custom one. */
export function decodeAttributeReference(item: TtlvItem): string {
  if (item.type === ItemType.Enumeration) {
    const def = attributeByTag(item.value);
    if (def === undefined)
      throw kmipError.invalidField(`Attribute Reference ${tagName(item.value)} is not an attribute`);
    return def.name;
  }
  const s = asStruct(item);
  return `${req.text(s, Tag.VendorIdentification)}-${req.text(s, Tag.AttributeName)}`;
}

export function encodeAttributeReference(name: string): TtlvItem {
  if (isCustomName(name)) {
    const { vendor, name: n } = splitCustomName(name);
    return ttlv.struct(Tag.AttributeReference, [
      ttlv.text(Tag.VendorIdentification, vendor),
      ttlv.text(Tag.AttributeName, n),
    ]);
  }
  const def = attributeByName(name);
  if (def === undefined) throw kmipError.general(`no definition for ${name}`);
  return ttlv.enum(Tag.AttributeReference, def.tag);
}

/** KMIP 1.x Attribute structure; an omitted Attribute Index means index 0 (KMIP 1.4 §2.1.1), so only later instances carry one. */
export function encodeAttribute1(a: Attr, index: number | undefined): TtlvItem {
  const v: TtlvItem[] = [ttlv.text(Tag.AttributeName, a.name)];
  if (index !== undefined) v.push(ttlv.int(Tag.AttributeIndex, index));
  v.push(retag(a.value, Tag.AttributeValue));
  return ttlv.struct(Tag.Attribute, v);
}

/** KMIP 2.x attribute item (its own tag, or the vendor Attribute structure). */
export function encodeAttribute2(a: Attr): TtlvItem {
  if (!isCustomName(a.name)) return a.value;
  const { vendor, name } = splitCustomName(a.name);
  return ttlv.struct(Tag.Attribute, [
    ttlv.text(Tag.VendorIdentification, vendor),
    ttlv.text(Tag.AttributeName, name),
    retag(a.value, Tag.AttributeValue),
  ]);
}

/** Whether the attribute exists in protocol version `v` (so 1.x clients never see 2.x-only attributes). */
export function attributeInVersion(name: string, v: ProtocolVersion): boolean {
  if (isCustomName(name)) return true;
  const def = attributeByName(name);
  if (def === undefined) return false;
  const [smaj, smin] = def.since.split(".").map(Number) as [number, number];
  if (v.major < smaj || (v.major === smaj && v.minor < smin)) return false;
  if (def.until !== undefined) {
    const [umaj, umin] = def.until.split(".").map(Number) as [number, number];
    if (v.major > umaj || (v.major === umaj && v.minor >= umin)) return false;
  }
  return true;
}

/** Encodes a list of attributes for a response in version `v`: 1.x gives Attribute items, 2.x one Attributes structure. */
export function encodeAttributes(attrs: readonly Attr[], v: ProtocolVersion, withIndex: boolean): TtlvItem[] {
  const visible = attrs.filter((a) => attributeInVersion(a.name, v));
  if (isV2(v)) return [ttlv.struct(Tag.Attributes, visible.map(encodeAttribute2))];
  const counts = new Map<string, number>();
  return visible.map((a) => {
    const i = counts.get(a.name) ?? 0;
    counts.set(a.name, i + 1);
    return encodeAttribute1(a, withIndex && i > 0 ? i : undefined);
  });
}
