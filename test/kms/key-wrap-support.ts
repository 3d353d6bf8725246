/** Helpers shared by the key-wrapping tests: reading wrapped responses and building requests. */
import { expect } from "vitest";
import { attr } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { decodeTtlv } from "../../src/ttlv/decode.js";
import type { StructureItem, TtlvItem } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { params } from "./crypto-support.js";

/** The default initial value of AES Key Wrap (RFC 3394 §2.2.3.1). */
export const KW_IV = Buffer.from("A6A6A6A6A6A6A6A6", "hex");
/** An Activation Date a minute ago: the key is Active. */
export const active = () => attr.activationDate(new Date(Date.now() - 60_000));
export const cryptoParams = (items: TtlvItem[]): Attr => ({ name: "Cryptographic Parameters", value: params(items) });

export function child(s: StructureItem, tag: number): TtlvItem {
  const c = s.value.find((x) => x.tag === tag);
  if (c === undefined) throw new Error(`no tag ${tag.toString(16)}`);
  return c;
}
export function struct(s: StructureItem, tag: number): StructureItem {
  const c = child(s, tag);
  if (c.type !== 1) throw new Error("not a structure");
  return c;
}
export function bytes(s: StructureItem, tag: number): Buffer {
  const c = child(s, tag);
  if (c.type !== 8) throw new Error("not a byte string");
  return Buffer.from(c.value);
}
/** The Key Block of a Get/Export response (the object is the last payload item). */
export function keyBlockOf(p: StructureItem): StructureItem {
  const obj = p.value[p.value.length - 1];
  if (obj?.type !== 1) throw new Error("no object");
  return struct(obj, Tag.KeyBlock);
}
/** Key Material of a TTLV-encoded Key Value structure. */
export function materialOfEncoded(encoded: Uint8Array): Buffer {
  const kv = decodeTtlv(encoded);
  expect(kv.tag).toBe(Tag.KeyValue);
  if (kv.type !== 1) throw new Error("not a structure");
  return bytes(kv, Tag.KeyMaterial);
}
