import { ItemType, type StructureItem, type TtlvItem } from "../ttlv/item.js";
import { tagName } from "../ttlv/tags.js";
import { kmipError } from "./kmip-error.js";

/**
 * Typed field access on decoded structures. Every accessor checks the item type and
 * throws a KMIP Invalid Field / Missing Data error naming the tag, so operation code
 * never handles a wrongly typed value.
 */
export function asStruct(item: TtlvItem): StructureItem {
  if (item.type !== ItemType.Structure) throw kmipError.invalidField(`${tagName(item.tag)}: expected a Structure`);
  return item;
}

export function find(s: StructureItem, tag: number): TtlvItem | undefined {
  for (const c of s.value) if (c.tag === tag) return c;
  return undefined;
}

export function findAll(s: StructureItem, tag: number): TtlvItem[] {
  const out: TtlvItem[] = [];
  for (const c of s.value) if (c.tag === tag) out.push(c);
  return out;
}

function typed<T extends TtlvItem["type"]>(
  item: TtlvItem | undefined,
  type: T,
  tag: number,
): Extract<TtlvItem, { type: T }> | undefined {
  if (item === undefined) return undefined;
  if (item.type !== type) throw kmipError.invalidField(`${tagName(tag)}: wrong item type`);
  return item as Extract<TtlvItem, { type: T }>;
}

function need<T>(v: T | undefined, tag: number): T {
  if (v === undefined) throw kmipError.missingData(`${tagName(tag)} is required`);
  return v;
}

export const opt = {
  struct: (s: StructureItem, tag: number) => typed(find(s, tag), ItemType.Structure, tag),
  text: (s: StructureItem, tag: number) => typed(find(s, tag), ItemType.TextString, tag)?.value,
  bytes: (s: StructureItem, tag: number) => typed(find(s, tag), ItemType.ByteString, tag)?.value,
  int: (s: StructureItem, tag: number) => typed(find(s, tag), ItemType.Integer, tag)?.value,
  enum: (s: StructureItem, tag: number) => typed(find(s, tag), ItemType.Enumeration, tag)?.value,
  bool: (s: StructureItem, tag: number) => typed(find(s, tag), ItemType.Boolean, tag)?.value,
  date: (s: StructureItem, tag: number) => typed(find(s, tag), ItemType.DateTime, tag)?.value,
  long: (s: StructureItem, tag: number) => typed(find(s, tag), ItemType.LongInteger, tag)?.value,
} as const;

export const req = {
  struct: (s: StructureItem, tag: number) => need(opt.struct(s, tag), tag),
  text: (s: StructureItem, tag: number) => need(opt.text(s, tag), tag),
  bytes: (s: StructureItem, tag: number) => need(opt.bytes(s, tag), tag),
  int: (s: StructureItem, tag: number) => need(opt.int(s, tag), tag),
  enum: (s: StructureItem, tag: number) => need(opt.enum(s, tag), tag),
  bool: (s: StructureItem, tag: number) => need(opt.bool(s, tag), tag),
  date: (s: StructureItem, tag: number) => need(opt.date(s, tag), tag),
} as const;
